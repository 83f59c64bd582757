import { EvidenceSeries } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { quantileSorted } from 'simple-statistics';
import { SeriesPoint } from '../../detectors';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** Finite points inside [from, to), in time order. */
export function pointsIn(
  points: readonly SeriesPoint[],
  from: number,
  to: number,
): SeriesPoint[] {
  return points
    .filter(
      p =>
        Number.isFinite(p.value) &&
        Number.isFinite(p.timestamp) &&
        p.timestamp >= from &&
        p.timestamp < to,
    )
    .sort((a, b) => a.timestamp - b.timestamp);
}

/**
 * The `percentile` (0..100) of the values (simple-statistics' quantile:
 * nearest rank, the mean of the two middle ranks on an exact split);
 * undefined for no values.
 */
export function percentile(
  values: readonly number[],
  percentileRank: number,
): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return quantileSorted(sorted, Math.min(1, Math.max(0, percentileRank / 100)));
}

/** The points grouped by UTC day (the day's start, epoch ms), in order. */
export function byDay(points: readonly SeriesPoint[]): Map<number, number[]> {
  const days = new Map<number, number[]>();
  for (const p of points) {
    const day = Math.floor(p.timestamp / DAY_MS) * DAY_MS;
    const values = days.get(day) ?? [];
    values.push(p.value);
    days.set(day, values);
  }
  return new Map([...days.entries()].sort((a, b) => a[0] - b[0]));
}

/** How many days the points span, from the first to the last. */
export function spanDays(points: readonly SeriesPoint[]): number {
  if (points.length < 2) return 0;
  return (points[points.length - 1].timestamp - points[0].timestamp) / DAY_MS;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]) =>
  values.length ? sum(values) / values.length : 0;

export { mean, sum };

/**
 * A chart series of at most `maxPoints` points: consecutive points are
 * merged into buckets that keep their maximum, so peaks stay visible.
 */
export function chartSeries(
  name: string,
  points: readonly SeriesPoint[],
  scale = 1,
  maxPoints = 400,
): EvidenceSeries {
  const size = Math.max(1, Math.ceil(points.length / maxPoints));
  const out: EvidenceSeries['points'] = [];
  for (let i = 0; i < points.length; i += size) {
    const bucket = points.slice(i, i + size);
    out.push({
      t: bucket[0].timestamp,
      v: round(Math.max(...bucket.map(p => p.value)) * scale, 4),
    });
  }
  return { name, points: out };
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** AWS tags as the `tag:<key>` labels the entity index matches. */
export function tagLabels(
  tags: Record<string, string> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags ?? {}).map(([k, v]) => [`tag:${k}`, v]),
  );
}

/** Formats money for evidence text, e.g. `USD 70.08`. */
export function money(amount: number, currency: string): string {
  return `${currency} ${amount.toFixed(2)}`;
}

/** Bytes as GiB or MiB for people. */
export function formatBytes(bytes: number): string {
  const gib = bytes / 2 ** 30;
  return gib >= 1 ? `${round(gib, 2)} GiB` : `${round(bytes / 2 ** 20, 0)} MiB`;
}
