import {
  Forecaster,
  ForecastResult,
  SeriesPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import {
  FORECAST_WARMUP,
  HoltWinters,
  HoltWintersState,
} from '../forecast/HoltWinters';
import { SeriesStateCache, SeriesStateStorage } from './SeriesStateCache';

function revive(state: unknown): HoltWinters | undefined {
  const candidate = state as Partial<HoltWintersState> | undefined;
  return candidate?.version === 1 && Array.isArray(candidate.season)
    ? new HoltWinters(candidate as HoltWintersState)
    : undefined;
}

/**
 * The forecaster `forecast` rules use unless a module supplies another: one
 * {@link HoltWinters} model per series with 99% prediction bounds, its state
 * kept like the anomaly detector's.
 */
export class BuiltinForecaster implements Forecaster {
  readonly cache: SeriesStateCache<HoltWinters>;
  private readonly onWarning?: (message: string) => void;

  constructor(options: SeriesStateStorage = {}) {
    this.onWarning = options.onWarning;
    this.cache = new SeriesStateCache({
      kind: 'forecast',
      codec: {
        version: 1,
        revive,
        snapshot: model => ({
          state: model.state,
          lastTimestamp: model.state.lastTimestamp,
        }),
      },
      ...options,
    });
  }

  async forecast(
    seriesId: string,
    point: SeriesPoint,
    horizonMs: number,
  ): Promise<ForecastResult> {
    if (!Number.isFinite(point.value) || !Number.isFinite(point.timestamp)) {
      return { ready: false, reason: 'not a finite value' };
    }
    const update = this.cache.update(
      seriesId,
      point.timestamp,
      () => new HoltWinters(HoltWinters.initial(point)),
      m => {
        const restarted = m.update(point.timestamp, point.value);
        if (restarted) {
          this.onWarning?.(
            `The forecast of ${seriesId} started afresh: ${restarted}`,
          );
        }
        return m;
      },
    );
    if (!update.done) {
      return { ready: false, reason: update.reason };
    }
    const model = update.result;
    if (!model.ready) {
      return {
        ready: false,
        reason: `cold start: ${model.state.count} of ${FORECAST_WARMUP} points`,
      };
    }
    return { ready: true, points: model.forecast(horizonMs) };
  }
}
