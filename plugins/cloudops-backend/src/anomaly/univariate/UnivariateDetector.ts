import { ArPredictor, ArPredictorState } from './ArPredictor';
import {
  AnomalyLikelihood,
  AnomalyLikelihoodState,
  LIKELIHOOD_WARMUP,
} from './AnomalyLikelihood';
import {
  BaselineModel,
  SeasonalBaseline,
  SeasonalBaselineState,
} from './SeasonalBaseline';
import {
  beyondRecurring,
  RecurringDeviation,
  RecurringDeviationState,
} from './RecurringDeviation';
import { SequenceNovelty, SequenceNoveltyState } from './SequenceNovelty';
import { TailEstimator, TailEstimatorState } from './TailEstimator';

/** Serialisable state of a {@link UnivariateDetector}: plain JSON. */
export interface UnivariateState {
  version: 1;
  /** Finite points learned from. */
  count: number;
  lastTimestamp: number;
  baseline: SeasonalBaselineState;
  ar: ArPredictorState;
  likelihood: {
    baseline: AnomalyLikelihoodState;
    ar: AnomalyLikelihoodState;
  };
  /** Single-point surprise of the baseline residual: spikes. */
  spike: TailEstimatorState;
  /**
   * Deviations by time of day, so that a spike recurring daily is not a
   * surprise. Absent in states saved before it existed: starts empty then.
   */
  recurring?: RecurringDeviationState;
  /**
   * New patterns of quantised values. Absent in states saved before it
   * existed: starts then.
   */
  sequence?: SequenceNoveltyState;
  /** How often the combined tail has been below ALARM_RATE_TAIL: its calibration. */
  lowTailRate: number;
}

/** A point's verdict from {@link UnivariateDetector.update}. */
export type UnivariateVerdict =
  | { ready: false; reason: string }
  | {
      ready: true;
      /**
       * The probability that a normal stretch of this series looks at least
       * this unusual: the smaller, the more anomalous.
       */
      tail: number;
      /** 1 − tail: the calibrated anomaly likelihood, 0..1. */
      likelihood: number;
      /** −log10(tail) / 10, clipped to 0..1: the likelihood on a log scale. */
      logScore: number;
      /** What the baseline expected, and from which model. */
      expected: number;
      model: BaselineModel;
    };

/** Raw scores are 1 − exp(−z / RAW_SCALE): z of 8 robust scales ≈ 0.63. */
const RAW_SCALE = 8;
/** The tail whose frequency is watched to recalibrate a series. */
const ALARM_RATE_TAIL = 0.01;
/** The frequency is weighted over about this many points. */
const ALARM_RATE_HORIZON = 2000;
/** Tail probabilities below this are reported as this. */
const MIN_TAIL = 1e-10;

/** How many points a series needs before the detector scores it. */
export const UNIVARIATE_WARMUP = LIKELIHOOD_WARMUP + 1;

function raw(z: number): number {
  return 1 - Math.exp(-z / RAW_SCALE);
}

/**
 * The univariate ensemble for one series:
 *
 * - a seasonality-aware robust baseline ({@link SeasonalBaseline}: recent
 *   level, time of day, time of week, whichever predicts best);
 * - a learned autoregressive predictor ({@link ArPredictor}, recursive least
 *   squares) that knows the series' short-term dynamics;
 *
 * each turned into a tail probability by its own {@link AnomalyLikelihood}
 * (how unusual the last ten points' errors are: sustained changes), plus
 * the baseline's single-point surprise through a peaks-over-threshold
 * {@link TailEstimator} (spikes), which counts only the part of a deviation
 * beyond the largest one seen around the same time of day on the last few
 * days ({@link RecurringDeviation}: a time of day that has lately strayed
 * far, such as a nightly job, needs a larger stray to be a spike), plus the
 * contextual novelty of the recent sequence of quantised values
 * ({@link SequenceNovelty}: new shapes and broken rhythms that no error
 * scale sees). The tests are combined by the minimum with a Bonferroni
 * correction (times the number of tests), so the result is still a tail
 * probability, and recalibrated per series: where tails below 1% come more
 * often than on 1% of points, they are raised by that excess.
 *
 * Points are fed in time order; a point not after the last one (a retry, a
 * duplicate) is scored as a repeat without learning from it, so a replay
 * cannot corrupt the state. Non-finite values are refused without learning.
 */
export class UnivariateDetector {
  static initial(point: { timestamp: number; value: number }): UnivariateState {
    return {
      version: 1,
      count: 0,
      lastTimestamp: Number.NEGATIVE_INFINITY,
      baseline: SeasonalBaseline.initial(point),
      ar: ArPredictor.initial(point.value),
      likelihood: {
        baseline: AnomalyLikelihood.initial(),
        ar: AnomalyLikelihood.initial(),
      },
      spike: TailEstimator.initial(),
      recurring: RecurringDeviation.initial(),
      sequence: SequenceNovelty.initial(),
      lowTailRate: ALARM_RATE_TAIL,
    };
  }

  private last?: UnivariateVerdict;

  constructor(readonly state: UnivariateState) {}

  update(timestamp: number, value: number): UnivariateVerdict {
    const { state } = this;
    if (!Number.isFinite(value) || !Number.isFinite(timestamp)) {
      return { ready: false, reason: 'not a finite value' };
    }
    if (timestamp <= state.lastTimestamp) {
      return (
        this.last ?? {
          ready: false,
          reason: 'a point not after the last one is not learned from',
        }
      );
    }
    state.count += 1;
    state.lastTimestamp = timestamp;
    const residual = new SeasonalBaseline(state.baseline).update(
      timestamp,
      value,
    );
    const arZ = new ArPredictor(state.ar).update(value);
    const baselineTail = new AnomalyLikelihood(
      state.likelihood.baseline,
    ).update(raw(residual.z));
    const deviation = Math.abs(value - residual.expected);
    state.recurring ??= RecurringDeviation.initial();
    const recurring = new RecurringDeviation(state.recurring).update(
      timestamp,
      deviation,
    );
    const spikeTail = new TailEstimator(state.spike).update(
      beyondRecurring(residual.z, deviation, recurring),
    );
    const arTail =
      arZ === undefined
        ? undefined
        : new AnomalyLikelihood(state.likelihood.ar).update(raw(arZ));
    state.sequence ??= SequenceNovelty.initial();
    const sequenceTail = new SequenceNovelty(state.sequence).update(value);
    let verdict: UnivariateVerdict;
    if (baselineTail === undefined) {
      verdict = {
        ready: false,
        reason: `cold start: ${state.count} of ${UNIVARIATE_WARMUP} points`,
      };
    } else {
      const tails = [baselineTail, arTail, spikeTail, sequenceTail].filter(
        (t): t is number => t !== undefined,
      );
      const combined = Math.min(1, Math.min(...tails) * tails.length);
      // A calibrated tail is below 1% on 1% of points. A series where that
      // happens more often (bursty, heavy-tailed) gets its tails raised by the
      // excess, so that its alarms are as rare as any other series'.
      const excess = Math.max(1, state.lowTailRate / ALARM_RATE_TAIL);
      const tail = Math.max(MIN_TAIL, Math.min(1, combined * excess));
      const scored = state.count - UNIVARIATE_WARMUP + 1;
      state.lowTailRate +=
        Math.max(1 / scored, 1 / ALARM_RATE_HORIZON) *
        ((combined < ALARM_RATE_TAIL ? 1 : 0) - state.lowTailRate);
      verdict = {
        ready: true,
        tail,
        likelihood: 1 - tail,
        logScore: Math.min(1, -Math.log10(tail) / 10),
        expected: residual.expected,
        model: residual.model,
      };
    }
    this.last = verdict;
    return verdict;
  }
}
