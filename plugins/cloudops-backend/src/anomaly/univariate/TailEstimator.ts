/** Serialisable state of a {@link TailEstimator}. */
export interface TailEstimatorState {
  /** Values seen. */
  seen: number;
  /** Values learned from. */
  count: number;
  /** Running estimate of the TAIL_LEVEL upper quantile. */
  threshold: number;
  /** Exponentially weighted mean excess over the threshold. */
  excess: number;
}

/** The share of values above the threshold. */
const TAIL_LEVEL = 0.05;
const WARMUP = 200;
/** The first values (the models settling) are not learned from. */
const SETTLE = 100;
/** Values are clipped here: a first point against a zero scale is not a tail. */
const CLIP = 1000;
/** The quantile moves multiplicatively: it recovers fast from any start. */
const QUANTILE_RATE = 0.5;
const EXCESS_RATE = 0.05;
const MIN_THRESHOLD = 1e-6;

/**
 * Tail probabilities of a non-negative score (such as a robust z) by peaks
 * over threshold (after Siffer et al. 2017, "Anomaly detection in streams
 * with extreme value theory"): the 95th percentile is tracked by stochastic
 * approximation (multiplicative steps, so it recovers from any start) and the excesses over it are modelled as exponential, so
 * P(X > x) ≈ 0.05 · exp(−(x − u) / mean excess) for x above u. Heavy-tailed
 * series get a long tail and are not alarming for every large value. O(1).
 */
export class TailEstimator {
  static initial(): TailEstimatorState {
    return { seen: 0, count: 0, threshold: 1, excess: 0 };
  }

  constructor(private readonly state: TailEstimatorState) {}

  /** The tail probability of `value` (undefined during warm-up), then learns it. */
  update(input: number): number | undefined {
    const { state } = this;
    const value = Math.min(input, CLIP);
    let tail: number | undefined;
    if (state.count >= WARMUP) {
      tail =
        value <= state.threshold
          ? 1
          : TAIL_LEVEL *
            Math.exp(-(value - state.threshold) / Math.max(state.excess, 1e-9));
    }
    state.seen += 1;
    if (state.seen <= SETTLE) {
      return tail;
    }
    state.count += 1;
    if (value > state.threshold) {
      const excessRate = Math.max(1 / state.count, EXCESS_RATE);
      state.excess += excessRate * (value - state.threshold - state.excess);
      state.threshold *= Math.exp(QUANTILE_RATE * (1 - TAIL_LEVEL));
    } else {
      state.threshold = Math.max(
        MIN_THRESHOLD,
        state.threshold * Math.exp(-QUANTILE_RATE * TAIL_LEVEL),
      );
    }
    return tail;
  }
}
