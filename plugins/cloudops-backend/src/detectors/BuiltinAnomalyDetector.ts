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
import { withheld } from './withheldVerdict';

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
 * that the series' recent behaviour is this unusual by chance. While the
 * series' state loads, and for a point not after the last one learned from,
 * the verdict is withheld (not a cold start).
 */
export class BuiltinAnomalyDetector implements AnomalyDetector {
  readonly cache: SeriesStateCache<UnivariateDetector>;

  constructor(options: SeriesStateStorage = {}) {
    this.cache = new SeriesStateCache({
      kind: 'anomaly',
      codec: {
        version: 1,
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
    const update = this.cache.update(
      seriesId,
      point.timestamp,
      () => new UnivariateDetector(UnivariateDetector.initial(point)),
      detector => {
        const repeat = point.timestamp <= detector.state.lastTimestamp;
        const verdict = detector.update(point.timestamp, point.value);
        return repeat && !verdict.ready ? withheld(verdict.reason) : verdict;
      },
    );
    if (!update.done) {
      return withheld(update.reason);
    }
    const verdict = update.result;
    return verdict.ready ? { ready: true, score: verdict.likelihood } : verdict;
  }
}
