import jStat from 'jstat';
import { bucketOf, SEASONS } from '../anomaly/univariate/seasons';

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
 * Additive Holt-Winters (level, trend, time-of-day season) updated online in
 * time, the season measured against the mean over about a day: steps are measured in the series' typical interval, so gaps and
 * irregular sampling are handled, and the season is read from timestamps.
 * The prediction interval at h steps is the ETS(A,A,A) one,
 * σ·√(1 + Σⱼ₌₁..ₕ₋₁ (α + jβ)²), with σ the one-step error. O(1) per point.
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

  constructor(readonly state: HoltWintersState) {}

  get ready(): boolean {
    return this.state.count >= FORECAST_WARMUP;
  }

  /** Learns a point; points not after the last one are ignored. */
  update(timestamp: number, value: number): void {
    const { state } = this;
    if (!Number.isFinite(value) || timestamp <= state.lastTimestamp) {
      return;
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
    const error = value - predicted;
    if (state.count > 2) {
      state.errorVariance += ERROR_RATE * (error * error - state.errorVariance);
    }
    const previousLevel = state.level;
    const deseasonalised = value - seasonal;
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
    state.dailyMean += Math.min(1, gap / DAY) * (value - state.dailyMean);
    state.season[bucket] +=
      SEASON_RATE * (value - state.dailyMean - state.season[bucket]);
    state.count += 1;
    state.lastTimestamp = timestamp;
  }

  /** Forecast points from one interval ahead up to `horizonMs` ahead. */
  forecast(horizonMs: number): ForecastPoint[] {
    const { state } = this;
    const interval = Math.max(state.interval, 1);
    const totalSteps = Math.max(1, horizonMs / interval);
    const count = Math.min(MAX_STEPS, Math.ceil(totalSteps));
    const sigma = Math.sqrt(state.errorVariance);
    const z = jStat.normal.inv(1 - (1 - COVERAGE) / 2, 0, 1);
    const points: ForecastPoint[] = [];
    for (let k = 1; k <= count; k++) {
      const h = (totalSteps * k) / count;
      const timestamp = state.lastTimestamp + h * interval;
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

  private seasonal(bucket: number, timestamp: number): number {
    return timestamp - this.state.firstTimestamp >= SEASON_AFTER
      ? this.state.season[bucket]
      : 0;
  }
}
