import { ComparisonOperator } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Verdict } from './types';

/** The value if it is a finite number. */
export function finiteValue(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Applies a comparison operator. */
export function compare(
  value: number,
  op: ComparisonOperator,
  threshold: number,
): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    default:
      return value !== threshold;
  }
}

/** A number for reasons: at most six significant digits. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/**
 * Compares, saying `cpu 97 > 95` when it holds and `cpu 70 is not > 95` when
 * not. The reason is worded when it is read: most comparisons change
 * nothing, and their words are never read.
 */
export function comparisonVerdict(
  subject: string,
  value: number,
  op: ComparisonOperator,
  threshold: number,
): Verdict {
  const holds = compare(value, op, threshold);
  return {
    holds,
    get reason() {
      return `${subject} ${formatNumber(value)} ${
        holds ? '' : 'is not '
      }${op} ${formatNumber(threshold)}`;
    },
  };
}
