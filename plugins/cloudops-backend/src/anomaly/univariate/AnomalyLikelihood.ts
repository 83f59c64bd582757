import jStat from 'jstat';

/** Serialisable state of an {@link AnomalyLikelihood}. */
export interface AnomalyLikelihoodState {
  /** The last few raw scores, newest last. */
  recent: number[];
  /** Raw scores seen. */
  seen: number;
  /** Averages that entered the distribution. */
  learned: number;
  mean: number;
  variance: number;
}

/** Raw scores averaged over this many points. */
const AVERAGE_OVER = 10;
/** The first raw scores (the models settling) are not learned from. */
const SETTLE = 100;
/** Averages needed before a likelihood is given. */
const MIN_LEARNED = 150;
/** The distribution weighs about the last 1,000 averages. */
const HORIZON = 1000;
/** A floor on the spread, so a perfectly quiet series is not infinitely sensitive. */
const MIN_STDEV = 0.03;

/** How many points a series needs before it is scored. */
export const LIKELIHOOD_WARMUP = SETTLE + MIN_LEARNED;

/**
 * Turns a stream of raw anomaly scores (0..1) into the probability that the
 * recent ones are this high by chance, after Numenta's anomaly likelihood
 * (Ahmad et al. 2017): the short-term average of the raw scores is compared
 * with the normal distribution of that average over the series' own history.
 * A series whose errors are always large is not alarming; a calm one whose
 * errors jump is. Mean and variance are exponentially weighted, so the state
 * is a handful of numbers.
 */
export class AnomalyLikelihood {
  static initial(): AnomalyLikelihoodState {
    return { recent: [], seen: 0, learned: 0, mean: 0, variance: 0 };
  }

  constructor(private readonly state: AnomalyLikelihoodState) {}

  /** Whether {@link update} gives probabilities yet. */
  get ready(): boolean {
    return this.state.learned >= MIN_LEARNED;
  }

  /**
   * The tail probability of the recent average (undefined during warm-up),
   * then learns from it.
   */
  update(raw: number): number | undefined {
    const { state } = this;
    state.recent.push(raw);
    if (state.recent.length > AVERAGE_OVER) state.recent.shift();
    const average =
      state.recent.reduce((sum, r) => sum + r, 0) / state.recent.length;
    let tail: number | undefined;
    if (this.ready) {
      const stdev = Math.max(Math.sqrt(state.variance), MIN_STDEV);
      tail = normalTail((average - state.mean) / stdev);
    }
    state.seen += 1;
    if (state.seen > SETTLE) {
      state.learned += 1;
      const rate = Math.max(1 / state.learned, 1 / HORIZON);
      const delta = average - state.mean;
      state.mean += rate * delta;
      state.variance = (1 - rate) * (state.variance + rate * delta * delta);
    }
    return tail;
  }
}

/** P(Z > z) for a standard normal Z. */
export function normalTail(z: number): number {
  return jStat.normal.cdf(-z, 0, 1);
}
