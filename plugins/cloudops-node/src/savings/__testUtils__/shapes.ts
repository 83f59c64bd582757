import { SeriesPoint } from '../../detectors';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Detection runs at midnight UTC after 14 full days. */
export const NOW = new Date('2026-11-22T00:00:00Z');

/** An hourly series over the `days` before NOW, its value from `f(hour index, hour of day, day index)`. */
export function hourly(
  days: number,
  f: (hourOfDay: number, day: number, i: number) => number,
): SeriesPoint[] {
  const start = NOW.getTime() - days * DAY;
  return Array.from({ length: days * 24 }, (_, i) => ({
    timestamp: start + i * HOUR,
    value: f(i % 24, Math.floor(i / 24), i),
  }));
}

/** Deterministic noise in [-1, 1]. */
export function noise(i: number, seed = 1): number {
  const x = Math.sin(i * 12.9898 + seed * 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/** Hourly network bytes that add up to `mbPerDay` a day. */
export function networkPerDay(days: number, mbPerDay: (day: number) => number) {
  return hourly(days, (_h, day) => (mbPerDay(day) * 1_000_000) / 24);
}
