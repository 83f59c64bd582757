import { bucketOf, SEASONS } from './seasons';

/** Serialisable state of a {@link RecurringDeviation}: two arrays of 48. */
export interface RecurringDeviationState {
  /** Per half-hour of the day: the largest deviation recorded there. */
  size: number[];
  /** When each was recorded (epoch ms; 0 with a size of 0: none yet). */
  at: number[];
}

const DAY = SEASONS.daily.period;
/** A recorded deviation fades with this time constant: a few days. */
const MEMORY = 3 * DAY;
/** Neighbouring half-hours looked at on each side: a daily event may drift by an hour. */
const REACH = 2;
/** Only deviations at least this old count: earlier days, not this episode. */
const MIN_AGE = DAY / 2;

/**
 * Remembers how far a series has strayed from its baseline at each time of
 * day, so that the detector's spike test discounts a deviation which recurs
 * daily (a nightly batch job, a cron-driven spike, the evening peak of a busy
 * service). For each half-hour of the day it keeps the largest absolute
 * deviation, fading exponentially over a few days; {@link update} answers
 * with the largest one recorded around the same time on earlier days, then
 * records the point's. Because the memory fades, a recurrence of the same
 * size a day later still counts for about a quarter of its size: a sharp
 * daily spike on a very quiet series can still alarm, a recurring burst on a
 * noisy one rarely does. (The sustained-error and autoregressive tests do not
 * use it: see BENCHMARKS.md.) O(1) per point; state is 96 numbers.
 */
export class RecurringDeviation {
  static initial(): RecurringDeviationState {
    const buckets = SEASONS.daily.buckets;
    return {
      size: new Array(buckets).fill(0),
      at: new Array(buckets).fill(0),
    };
  }

  constructor(private readonly state: RecurringDeviationState) {}

  /**
   * The deviation that has recurred around this time of day on earlier days
   * (faded by its age; 0 if none), then records `deviation` (≥ 0).
   */
  update(timestamp: number, deviation: number): number {
    const { size, at } = this.state;
    const buckets = size.length;
    const bucket = bucketOf(timestamp, 'daily');
    let recurring = 0;
    for (let offset = -REACH; offset <= REACH; offset++) {
      const b = (bucket + offset + buckets) % buckets;
      const age = timestamp - at[b];
      if (size[b] > 0 && age >= MIN_AGE) {
        recurring = Math.max(recurring, size[b] * Math.exp(-age / MEMORY));
      }
    }
    const faded = size[bucket] * Math.exp(-(timestamp - at[bucket]) / MEMORY);
    if (deviation >= faded) {
      size[bucket] = deviation;
      at[bucket] = timestamp;
    }
    return recurring;
  }
}

/**
 * A robust z counting only the part of `deviation` beyond `recurring`: 0 when
 * the deviation is no larger than what recurred, `z` when nothing did.
 */
export function beyondRecurring(
  z: number,
  deviation: number,
  recurring: number,
): number {
  return deviation > 0 ? z * Math.max(0, 1 - recurring / deviation) : 0;
}
