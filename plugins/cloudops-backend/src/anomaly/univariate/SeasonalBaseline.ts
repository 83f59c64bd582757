import {
  effectiveScale,
  RobustLevel,
  robustLevel,
  updateRobustLevel,
} from './robustLevel';
import { bucketOf, Season, SEASONS } from './seasons';

/** Which baseline explains the series best. */
export type BaselineModel = 'level' | Season;

/** Serialisable state of a {@link SeasonalBaseline}. */
export interface SeasonalBaselineState {
  firstTimestamp: number;
  /** The recent level: follows the series quickly. */
  level: RobustLevel;
  /** Per-bucket levels; null until a bucket has been seen. */
  daily: Array<RobustLevel | null>;
  weekly: Array<RobustLevel | null>;
  /** Each model's exponentially weighted absolute one-step error. */
  errors: Record<BaselineModel, number>;
}

/** What the baseline expected of a point, and how far off it was. */
export interface BaselineResidual {
  model: BaselineModel;
  expected: number;
  /** |value − expected| in robust scales. */
  z: number;
}

const LEVEL_RATE = 0.02;
const BUCKET_RATE = 0.1;
const ERROR_RATE = 0.01;
/** A season must explain 30% of the level's error before it is used. */
const SEASON_GAIN = 0.7;
/** Seasons are considered after this many periods of history. */
const SEASON_PERIODS = 2;
/**
 * A seasonality-aware robust baseline. It keeps a fast robust level and
 * robust per-bucket levels for the time of day and of week, learns which of
 * the three predicts the series best (each model's running one-step error),
 * and scores each point against the best one. Seasons are read from the
 * timestamps, so gaps and irregular sampling do not shift them; a season is
 * only used once the series spans two of its periods. O(1) per point; state
 * is 216 buckets at most.
 */
export class SeasonalBaseline {
  static initial(first: {
    timestamp: number;
    value: number;
  }): SeasonalBaselineState {
    return {
      firstTimestamp: first.timestamp,
      level: robustLevel(first.value),
      daily: new Array(SEASONS.daily.buckets).fill(null),
      weekly: new Array(SEASONS.weekly.buckets).fill(null),
      errors: { level: 0, daily: 0, weekly: 0 },
    };
  }

  constructor(private readonly state: SeasonalBaselineState) {}

  /** Scores the point against the best model, then learns from it. */
  update(timestamp: number, value: number): BaselineResidual {
    const { state } = this;
    const dailyBucket = bucketOf(timestamp, 'daily');
    const weeklyBucket = bucketOf(timestamp, 'weekly');
    const daily = state.daily[dailyBucket];
    const weekly = state.weekly[weeklyBucket];
    const candidates: Record<BaselineModel, RobustLevel> = {
      level: state.level,
      daily: daily ?? state.level,
      weekly: weekly ?? state.level,
    };
    for (const model of Object.keys(candidates) as BaselineModel[]) {
      const error = Math.abs(value - candidates[model].level);
      state.errors[model] += ERROR_RATE * (error - state.errors[model]);
    }
    const model = this.bestModel(timestamp);
    const chosen = candidates[model];
    const residual = {
      model,
      expected: chosen.level,
      z: Math.abs(value - chosen.level) / effectiveScale(chosen),
    };

    const localScale = state.level.scale;
    updateRobustLevel(state.level, value, LEVEL_RATE);
    this.learnBucket(state.daily, dailyBucket, value, localScale);
    this.learnBucket(state.weekly, weeklyBucket, value, localScale);
    return residual;
  }

  private learnBucket(
    buckets: Array<RobustLevel | null>,
    index: number,
    value: number,
    localScale: number,
  ) {
    const bucket = buckets[index];
    if (bucket) {
      updateRobustLevel(bucket, value, BUCKET_RATE);
    } else {
      buckets[index] = { level: value, scale: localScale, count: 1 };
    }
  }

  private bestModel(timestamp: number): BaselineModel {
    const { errors, firstTimestamp } = this.state;
    const span = timestamp - firstTimestamp;
    let best: BaselineModel = 'level';
    for (const season of Object.keys(SEASONS) as Season[]) {
      if (
        span >= SEASON_PERIODS * SEASONS[season].period &&
        errors[season] < SEASON_GAIN * errors.level &&
        errors[season] < errors[best]
      ) {
        best = season;
      }
    }
    return best;
  }
}
