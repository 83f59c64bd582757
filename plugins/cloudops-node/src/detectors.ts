import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * One point of a numeric series.
 *
 * @public
 */
export interface SeriesPoint {
  /** Epoch milliseconds. */
  timestamp: number;
  value: number;
}

/**
 * An anomaly detector's verdict on one point. During cold start (not enough
 * history yet) it says so, and rules fall back to their thresholds.
 *
 * @public
 */
export type AnomalyVerdict =
  | { ready: false; reason: string }
  | {
      ready: true;
      /** Calibrated likelihood that the point is anomalous, 0..1. */
      score: number;
    };

/**
 * Streaming anomaly detection, per series.
 *
 * @public
 */
export interface AnomalyDetector {
  /** Feeds the next point of `seriesId` and scores it. */
  score(seriesId: string, point: SeriesPoint): Promise<AnomalyVerdict>;
}

/**
 * A forecast of a series, with its uncertainty.
 *
 * @public
 */
export type ForecastResult =
  | { ready: false; reason: string }
  | {
      ready: true;
      points: Array<{
        timestamp: number;
        mean: number;
        lower: number;
        upper: number;
      }>;
    };

/**
 * Streaming forecasting, per series.
 *
 * @public
 */
export interface Forecaster {
  /** Feeds the next point of `seriesId` and forecasts `horizonMs` ahead of it. */
  forecast(
    seriesId: string,
    point: SeriesPoint,
    horizonMs: number,
  ): Promise<ForecastResult>;
}

/**
 * Lets a module supply the anomaly detector and forecaster that rules with
 * `condition: anomaly` and `condition: forecast` use.
 *
 * @public
 */
export interface CloudopsDetectorsExtensionPoint {
  setAnomalyDetector(detector: AnomalyDetector): void;
  setForecaster(forecaster: Forecaster): void;
}

/** @public */
export const cloudopsDetectorsExtensionPoint =
  createExtensionPoint<CloudopsDetectorsExtensionPoint>({
    id: 'cloudops.detectors',
  });
