import {
  RcaCaseSeries,
  RcaSeriesKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** The fault time of test cases (unix seconds). */
export const FAULT = 1_700_000_000;

/**
 * A series with `before` points of gentle deterministic noise around
 * `level` (spaced `step` seconds, ending just before FAULT) and then
 * `after` values (from FAULT on, same spacing).
 */
export function series(
  service: string,
  kind: RcaSeriesKind,
  level: number,
  after: Array<number | null>,
  options: { before?: number; step?: number; metric?: string } = {},
): RcaCaseSeries {
  const before = options.before ?? 30;
  const step = options.step ?? 10;
  const noise = (i: number) => level * 0.02 * Math.sin(i * 1.7);
  const values = [
    ...Array.from({ length: before }, (_, i) => level + noise(i)),
    ...after,
  ];
  return {
    service,
    metric: options.metric ?? `${service}_${kind}`,
    kind,
    timestamps: values.map((_, i) => FAULT + (i - before) * step),
    values,
  };
}

/** `n` copies of `value`. */
export function times(n: number, value: number): number[] {
  return Array.from({ length: n }, () => value);
}
