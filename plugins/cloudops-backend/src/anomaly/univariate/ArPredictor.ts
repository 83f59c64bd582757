import {
  effectiveScale,
  RobustLevel,
  robustLevel,
  updateRobustLevel,
} from './robustLevel';

/** Serialisable state of an {@link ArPredictor}. */
export interface ArPredictorState {
  /** Slow robust normaliser: the model works on (value − level) / scale. */
  normaliser: RobustLevel;
  /** The last `order` normalised values, newest first. */
  lags: number[];
  /** Weights for the lags and a bias. */
  weights: number[];
  /** Inverse correlation matrix of recursive least squares, row-major. */
  inverse: number[];
  /** Exponentially weighted absolute prediction error (normalised units). */
  error: number;
  errorCount: number;
}

const ORDER = 8;
/** Forgetting factor: about the last 200 points weigh in. */
const FORGET = 0.995;
const NORMALISER_RATE = 0.005;
const ERROR_RATE = 0.02;
const INITIAL_INVERSE = 100;
/** Without new information the inverse grows by 1/FORGET a step: capped. */
const MAX_INVERSE = 1e4;
/** Normalised values are clipped so one outlier cannot blow up the fit. */
const INPUT_CLIP = 10;

/**
 * The learned detector: an autoregressive model of the last eight points,
 * fitted online by recursive least squares with forgetting, so it learns
 * each series' short-term dynamics (oscillation, momentum, mean reversion)
 * and scores the surprise of its one-step prediction error. O(order²) per
 * point with a fixed order, i.e. constant.
 */
export class ArPredictor {
  static initial(first: number): ArPredictorState {
    const size = ORDER + 1;
    const inverse = new Array(size * size).fill(0);
    for (let i = 0; i < size; i++) inverse[i * size + i] = INITIAL_INVERSE;
    return {
      normaliser: robustLevel(first),
      lags: [],
      weights: new Array(size).fill(0),
      inverse,
      error: 0,
      errorCount: 0,
    };
  }

  constructor(private readonly state: ArPredictorState) {}

  /**
   * The point's prediction error in units of the usual error (undefined until
   * the model has lags and an error scale), then learns from the point.
   */
  update(value: number): number | undefined {
    const { state } = this;
    const scale = effectiveScale(state.normaliser);
    const target = Math.max(
      -INPUT_CLIP,
      Math.min(INPUT_CLIP, (value - state.normaliser.level) / scale),
    );
    let z: number | undefined;
    if (state.lags.length === ORDER) {
      const features = [...state.lags, 1];
      const predicted = dot(state.weights, features);
      const error = target - predicted;
      if (state.errorCount >= ORDER) {
        z = Math.abs(error) / Math.max(state.error, 1e-3);
      }
      state.error += ERROR_RATE * (Math.abs(error) - state.error);
      state.errorCount += 1;
      this.learn(features, error);
    }
    state.lags.unshift(target);
    if (state.lags.length > ORDER) state.lags.pop();
    updateRobustLevel(state.normaliser, value, NORMALISER_RATE);
    return z;
  }

  /** One recursive-least-squares step. */
  private learn(features: number[], error: number) {
    const { weights, inverse } = this.state;
    const size = features.length;
    const gainNumerator = new Array(size).fill(0);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        gainNumerator[i] += inverse[i * size + j] * features[j];
      }
    }
    const denominator = FORGET + dot(features, gainNumerator);
    if (!(denominator > 0) || !Number.isFinite(denominator)) {
      return;
    }
    for (let i = 0; i < size; i++) {
      weights[i] += (gainNumerator[i] / denominator) * error;
    }
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        inverse[i * size + j] =
          (inverse[i * size + j] -
            (gainNumerator[i] * gainNumerator[j]) / denominator) /
          FORGET;
      }
    }
    let largest = 0;
    for (let i = 0; i < size; i++) {
      largest = Math.max(largest, inverse[i * size + i]);
    }
    if (largest > MAX_INVERSE) {
      const shrink = MAX_INVERSE / largest;
      for (let i = 0; i < inverse.length; i++) inverse[i] *= shrink;
    }
  }
}

function dot(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
