import {
  AnomalyDetector,
  AnomalyVerdict,
  SeriesPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import {
  UnivariateDetector,
  UnivariateState,
} from '../anomaly/univariate/UnivariateDetector';
import { SeriesStateCache, SeriesStateStorage } from './SeriesStateCache';

/** What a point gets while its series' saved state is being read. */
export const LOADING =
  'loading the saved state of this series (the point is learned from once it is loaded)';

function revive(state: unknown): UnivariateDetector | undefined {
  const candidate = state as Partial<UnivariateState> | undefined;
  return candidate?.version === 1 && candidate.baseline && candidate.ar
    ? new UnivariateDetector(candidate as UnivariateState)
    : undefined;
}

/**
 * The anomaly detector rules use unless a module supplies another: one
 * {@link UnivariateDetector} per series, its state kept in a
 * {@link SeriesStateCache} (lazily loaded, snapshotted in the background).
 * The score is the calibrated likelihood 1 − p, where p is the probability
 * that the series' recent behaviour is this unusual by chance.
 */
export class BuiltinAnomalyDetector implements AnomalyDetector {
  readonly cache: SeriesStateCache<UnivariateDetector>;

  constructor(options: SeriesStateStorage = {}) {
    this.cache = new SeriesStateCache({
      kind: 'anomaly',
      codec: {
        revive,
        snapshot: detector => ({
          state: detector.state,
          lastTimestamp: detector.state.lastTimestamp,
        }),
      },
      ...options,
    });
  }

  async score(seriesId: string, point: SeriesPoint): Promise<AnomalyVerdict> {
    if (!Number.isFinite(point.value) || !Number.isFinite(point.timestamp)) {
      return { ready: false, reason: 'not a finite value' };
    }
    const verdict = this.cache.update(
      seriesId,
      () => new UnivariateDetector(UnivariateDetector.initial(point)),
      detector => detector.update(point.timestamp, point.value),
    );
    if (!verdict) {
      return { ready: false, reason: LOADING };
    }
    return verdict.ready ? { ready: true, score: verdict.likelihood } : verdict;
  }
}
