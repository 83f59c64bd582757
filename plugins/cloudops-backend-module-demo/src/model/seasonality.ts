/** One hour, one day and one sample (a minute) in milliseconds. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const STEP_MS = 60_000;

/** The hour (UTC) of the quietest moment: early morning on the US east coast. */
const QUIETEST_HOUR = 10;
/** Weekend traffic as a share of weekday traffic. */
const WEEKEND = 0.8;
/** How long the change into and out of a weekend takes. */
const WEEKEND_RAMP_MS = 3 * HOUR_MS;

/** 0 → 1 → 0 smoothly over `x` in [0, 1]: a cosine step. */
function smoothStep(x: number): number {
  const clamped = Math.min(1, Math.max(0, x));
  return 0.5 - 0.5 * Math.cos(Math.PI * clamped);
}

/** 1 on Saturdays and Sundays (UTC), 0 on weekdays, with smooth ramps at the edges. */
export function weekendShare(t: number): number {
  const dayStart = Math.floor(t / DAY_MS) * DAY_MS;
  const isWeekend = (ms: number) => {
    const day = new Date(ms).getUTCDay();
    return day === 0 || day === 6 ? 1 : 0;
  };
  const today = isWeekend(dayStart);
  const sinceMidnight = t - dayStart;
  if (sinceMidnight < WEEKEND_RAMP_MS / 2) {
    const yesterday = isWeekend(dayStart - DAY_MS);
    const x = 0.5 + sinceMidnight / WEEKEND_RAMP_MS;
    return yesterday + (today - yesterday) * smoothStep(x);
  }
  const untilMidnight = dayStart + DAY_MS - t;
  if (untilMidnight <= WEEKEND_RAMP_MS / 2) {
    const tomorrow = isWeekend(dayStart + DAY_MS);
    const x = 0.5 - untilMidnight / WEEKEND_RAMP_MS;
    return today + (tomorrow - today) * smoothStep(x);
  }
  return today;
}

/**
 * The share of its daily peak a customer-facing service carries at `t`:
 * lowest at 10:00 UTC, highest at 22:00 UTC (a US shop's evening), 30% of
 * the peak at night, a fifth lower at weekends.
 */
export function load(t: number): number {
  const hour = (((t % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const daily =
    0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - QUIETEST_HOUR)) / 24);
  const week = 1 - (1 - WEEKEND) * weekendShare(t);
  return (0.3 + 0.7 * daily) * week;
}

/** `t` rounded down to its sample. */
export function sampleOf(t: number): number {
  return Math.floor(t / STEP_MS) * STEP_MS;
}

export { smoothStep };
