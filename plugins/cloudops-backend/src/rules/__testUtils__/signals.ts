import {
  Rule,
  RuleCondition,
  Signal,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** The start of test time: 2026-01-01T00:00:00Z. */
export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** Epoch milliseconds `minutes` after T0. */
export function minutes(count: number): number {
  return T0 + count * 60_000;
}

/** A metric datapoint `atMinute` minutes after T0. */
export function metric(
  name: string,
  value: number | undefined,
  atMinute: number,
  fields: Partial<Signal> = {},
): Signal {
  return {
    source: 'prometheus',
    kind: 'metric',
    name,
    timestamp: new Date(minutes(atMinute)).toISOString(),
    value,
    labels: {},
    fingerprint: `${name}-series`,
    ...fields,
  };
}

/** An alert notification `atMinute` minutes after T0. */
export function alert(
  name: string,
  status: 'firing' | 'resolved',
  atMinute: number,
  fields: Partial<Signal> = {},
): Signal {
  return {
    source: 'alertmanager',
    kind: 'alert',
    name,
    status,
    timestamp: new Date(minutes(atMinute)).toISOString(),
    labels: {},
    fingerprint: `${name}-alert`,
    ...fields,
  };
}

/** A rule with defaults for what a test does not care about. */
export function rule(
  condition: RuleCondition,
  fields: Partial<Rule> = {},
): Rule {
  return {
    id: 'test-rule',
    match: {},
    condition,
    severity: 'warning',
    ...fields,
  };
}
