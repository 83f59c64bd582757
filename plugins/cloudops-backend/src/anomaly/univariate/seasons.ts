const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The seasonal profiles a series can follow, read from timestamps (UTC). */
export const SEASONS = {
  /** Half-hour buckets of the day. */
  daily: { period: DAY, buckets: 48 },
  /** Hour buckets of the week, Monday 00:00 first. */
  weekly: { period: WEEK, buckets: 168 },
} as const;

export type Season = keyof typeof SEASONS;

/** Monday 1970-01-05 00:00 UTC: weeks start on Mondays. */
const FIRST_MONDAY = 4 * DAY;

/** The bucket of `season` that `timestamp` falls in. */
export function bucketOf(timestamp: number, season: Season): number {
  const { period, buckets } = SEASONS[season];
  const offset = season === 'weekly' ? timestamp - FIRST_MONDAY : timestamp;
  const phase = (((offset % period) + period) % period) / period;
  return Math.min(buckets - 1, Math.floor(phase * buckets));
}
