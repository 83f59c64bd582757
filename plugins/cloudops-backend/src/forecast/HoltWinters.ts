import jStat from 'jstat';
import { scaleFloor } from '../anomaly/univariate/robustLevel';
import { bucketOf, SEASONS } from '../anomaly/univariate/seasons';
import { unusableState } from './unusableState';

const DAY = SEASONS.daily.period;

/** Serialisable state of a {@link HoltWinters} forecaster. */
export interface HoltWintersState {
  version: 1;
  count: number;
  firstTimestamp: number;
  lastTimestamp: number;
  /** Typical time between points, exponentially weighted. */
  interval: number;
  level: number;
  /** Change per interval. */
  trend: number;
  /** Additive daily offsets per bucket, from the daily mean. */
  season: number[];
  /** The mean over about a day: what the daily offsets are measured from. */
  dailyMean: number;
  /** Exponentially weighted squared one-step error. */
  errorVariance: number;
}

/** One forecast point. */
export interface ForecastPoint {
  timestamp: number;
  mean: number;
  lower: number;
  upper: number;
}

const LEVEL_RATE = 0.1;
const TREND_RATE = 0.05;
const SEASON_RATE = 0.05;
const ERROR_RATE = 0.02;
/** The trend's smoothing in the error-correction form of the model. */
const BETA = LEVEL_RATE * TREND_RATE;
const INTERVAL_RATE = 0.05;
/** Points needed before forecasting. */
export const FORECAST_WARMUP = 100;
/** Seasonal offsets are used once a day has been seen twice. */
const SEASON_AFTER = 2 * DAY;
/** Bounds are the 99% prediction interval. */
const COVERAGE = 0.99;
/** At most this many forecast points per call. */
const MAX_STEPS = 120;
/**
 * One-step errors are learnt clipped at this many σ (a Huber-type step): 6
 * leaves Gaussian noise alone, and σ grows fast enough while errors stay
 * clipped (×1.3 a point) to follow a real change.
 */
const ERROR_CLIP = 6;
/** The first points are learnt unclipped, so that σ can form. */
const CLIP_AFTER = 20;

/**
 * Additive Holt-Winters (level, trend, time-of-day season) updated online in
 * time, the season measured against the mean over about a day: steps are measured in the series' typical interval, so gaps and
 * irregular sampling are handled, and the season is read from timestamps.
 * The prediction interval at h steps is the ETS(A,A,A) one,
 * σ·√(1 + Σⱼ₌₁..ₕ₋₁ (α + jβ)²), with σ the one-step error. O(1) per point.
 * Robust: a one-step error beyond 6σ is learnt as 6σ, so a spike moves the
 * model (and σ) by a bounded amount while a lasting shift is still followed
 * (σ grows while the large errors last). The state's numbers are always finite.
 */
export class HoltWinters {
  static initial(first: {
    timestamp: number;
    value: number;
  }): HoltWintersState {
    return {
      version: 1,
      count: 1,
      firstTimestamp: first.timestamp,
      lastTimestamp: first.timestamp,
      interval: 0,
      level: first.value,
      trend: 0,
      season: new Array(SEASONS.daily.buckets).fill(0),
      dailyMean: first.value,
      errorVariance: 0,
    };
  }

  /** Why the state given was emptied, until the next point says so. */
  private discarded: string | undefined;

  /**
   * A model going on from `state`. A state that is not usable (see
   * {@link unusableState}) is emptied instead: the next point starts the
   * model afresh, and its update says why.
   */
  constructor(readonly state: HoltWintersState) {
    const problem = unusableState(state);
    if (problem) {
      this.discarded = `the saved forecast state was not usable (${problem})`;
      const since = Number.isFinite(state.lastTimestamp)
        ? state.lastTimestamp
        : 0;
      Object.assign(state, HoltWinters.initial({ timestamp: since, value: 0 }));
      state.count = 0;
    }
  }

  get ready(): boolean {
    return this.state.count >= FORECAST_WARMUP;
  }

  /**
   * Learns a point; points not after the last one are ignored. When the
   * model starts afresh from the point instead (its state was emptied, or
   * the point would make it non-finite: values near the limits of a
   * double), this returns why, to be logged.
   */
  update(timestamp: number, value: number): string | undefined {
    const { state } = this;
    if (!Number.isFinite(value) || timestamp <= state.lastTimestamp) {
      return undefined;
    }
    if (this.discarded !== undefined) {
      const why = this.discarded;
      this.discarded = undefined;
      return this.restart(why, timestamp, value);
    }
    const gap = timestamp - state.lastTimestamp;
    const steps = state.interval === 0 ? 1 : Math.max(1, gap / state.interval);
    // a long gap is missing data, not a new cadence: it moves the interval little
    state.interval =
      state.interval === 0
        ? gap
        : state.interval +
          INTERVAL_RATE * (Math.min(gap, 3 * state.interval) - state.interval);
    const bucket = bucketOf(timestamp, 'daily');
    const seasonal = this.seasonal(bucket, timestamp);
    const predicted = state.level + steps * state.trend + seasonal;
    const error = this.clipped(value - predicted);
    // what the model learns from: a spike counts as 6σ off the prediction
    const learnt = predicted + error;
    if (state.count > 2) {
      state.errorVariance += ERROR_RATE * (error * error - state.errorVariance);
    }
    const previousLevel = state.level;
    const deseasonalised = learnt - seasonal;
    state.level =
      LEVEL_RATE * deseasonalised +
      (1 - LEVEL_RATE) * (state.level + steps * state.trend);
    const observedTrend = (state.level - previousLevel) / steps;
    state.trend =
      state.count < 3
        ? observedTrend
        : TREND_RATE * observedTrend + (1 - TREND_RATE) * state.trend;
    // The season is learnt against the day's mean, not the fast level (which
    // would follow the daily swing itself and leave the season nothing).
    state.dailyMean += Math.min(1, gap / DAY) * (learnt - state.dailyMean);
    state.season[bucket] +=
      SEASON_RATE * (learnt - state.dailyMean - state.season[bucket]);
    state.count += 1;
    state.lastTimestamp = timestamp;
    const changed = [
      state.interval,
      state.level,
      state.trend,
      state.errorVariance,
      state.dailyMean,
      state.season[bucket],
    ];
    return changed.every(Number.isFinite)
      ? undefined
      : this.restart(
          `the value ${value} made the forecast state non-finite`,
          timestamp,
          value,
        );
  }

  /**
   * Forecast points about one interval apart (at most 120), the last exactly
   * `horizonMs` ahead, even when that is less than one interval.
   */
  forecast(horizonMs: number): ForecastPoint[] {
    const { state } = this;
    const interval = Math.max(state.interval, 1);
    const count = Math.max(
      1,
      Math.min(MAX_STEPS, Math.ceil(horizonMs / interval)),
    );
    const sigma = Math.sqrt(state.errorVariance);
    const z = jStat.normal.inv(1 - (1 - COVERAGE) / 2, 0, 1);
    const points: ForecastPoint[] = [];
    for (let k = 1; k <= count; k++) {
      // the time ahead is exact (the last point at the horizon), h in steps
      const ahead = (horizonMs * k) / count;
      const h = ahead / interval;
      const timestamp = state.lastTimestamp + ahead;
      const mean =
        state.level +
        h * state.trend +
        this.seasonal(bucketOf(timestamp, 'daily'), timestamp);
      // Σⱼ₌₁..ₕ₋₁ (α + jβ)² in closed form (fractional h too), β = α·β*
      const m = Math.max(0, h - 1);
      const spread =
        1 +
        m * LEVEL_RATE ** 2 +
        LEVEL_RATE * BETA * m * (m + 1) +
        (BETA ** 2 * m * (m + 1) * (2 * m + 1)) / 6;
      const half = z * sigma * Math.sqrt(spread);
      points.push({ timestamp, mean, lower: mean - half, upper: mean + half });
    }
    return points;
  }

  /** Starts afresh from a point; says why and from when. */
  private restart(why: string, timestamp: number, value: number): string {
    Object.assign(this.state, HoltWinters.initial({ timestamp, value }));
    return `${why}; it starts afresh from the point at ${new Date(
      timestamp,
    ).toISOString()}`;
  }

  /** The one-step error as learnt: clipped at ERROR_CLIP σ once σ has formed. */
  private clipped(error: number): number {
    const { state } = this;
    if (state.count < CLIP_AFTER) {
      return error;
    }
    const sigma = Math.max(
      Math.sqrt(state.errorVariance),
      scaleFloor(state.level),
    );
    return Math.max(-ERROR_CLIP * sigma, Math.min(ERROR_CLIP * sigma, error));
  }

  private seasonal(bucket: number, timestamp: number): number {
    return timestamp - this.state.firstTimestamp >= SEASON_AFTER
      ? this.state.season[bucket]
      : 0;
  }
}
