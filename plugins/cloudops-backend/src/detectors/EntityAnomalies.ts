import { Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  EntityAnomalyScorer,
  EntityScorerState,
  EntityVerdict,
  FeatureContribution,
} from '../anomaly/multivariate/EntityAnomalyScorer';
import {
  canonicalRecord,
  FeatureSpec,
} from '../anomaly/multivariate/featureAlignment';
import { SeriesStateCache, SeriesStateStorage } from './SeriesStateCache';

/** An entity's latest multivariate anomaly score. */
export interface EntityAnomalyScore {
  entityRef: string;
  /** Epoch milliseconds of the start of the scored time bucket. */
  timestamp: number;
  /** Isolation score: about 0.5 or less is ordinary, towards 1 anomalous. */
  score: number;
  contributions: FeatureContribution[];
  missing: string[];
  unknown: string[];
}

interface OpenBucket {
  start: number;
  metrics: Record<string, number>;
}

function revive(state: unknown): EntityAnomalyScorer | undefined {
  const candidate = state as Partial<EntityScorerState> | undefined;
  return candidate?.version === 1 && Array.isArray(candidate.records)
    ? new EntityAnomalyScorer(candidate as EntityScorerState)
    : undefined;
}

/**
 * Multivariate anomaly scores per catalog entity. Metric signals linked to
 * an entity are gathered into time buckets (one minute by default: the
 * latest value of each metric name); when a later bucket starts, the
 * finished vector is scored by the entity's {@link EntityAnomalyScorer} and
 * becomes the entity's latest score, which the root-cause analysis and the
 * API read with {@link EntityAnomalies.latest}.
 */
export class EntityAnomalies {
  readonly cache: SeriesStateCache<EntityAnomalyScorer>;
  private readonly open = new Map<string, OpenBucket>();
  private readonly scores = new Map<string, EntityAnomalyScore>();
  private readonly bucketMs: number;
  private readonly capacity: number;

  constructor(
    private readonly options: SeriesStateStorage & {
      spec?: FeatureSpec;
      /** Vector length in time; one minute by default. */
      bucketMs?: number;
    } = {},
  ) {
    this.bucketMs = options.bucketMs ?? 60_000;
    this.capacity = options.capacity ?? 5_000;
    this.cache = new SeriesStateCache({
      kind: 'entity',
      codec: {
        version: 1,
        revive,
        snapshot: scorer => ({
          state: scorer.state,
          lastTimestamp: scorer.state.lastTimestamp,
        }),
      },
      store: options.store,
      capacity: this.capacity,
      onWarning: options.onWarning,
    });
  }

  /** Takes the metric signals linked to entities; ignores the rest. */
  observe(signals: Signal[]): void {
    for (const signal of signals) {
      const timestamp = Date.parse(signal.timestamp);
      if (
        signal.kind !== 'metric' ||
        !signal.entityRef ||
        signal.value === undefined ||
        !Number.isFinite(signal.value) ||
        !Number.isFinite(timestamp)
      ) {
        continue;
      }
      const start = timestamp - (timestamp % this.bucketMs);
      const bucket = this.open.get(signal.entityRef);
      if (bucket && start > bucket.start) {
        this.close(signal.entityRef, bucket);
      }
      if (!bucket || start > bucket.start) {
        this.open.delete(signal.entityRef);
        this.open.set(signal.entityRef, { start, metrics: {} });
        this.bound();
      }
      const current = this.open.get(signal.entityRef)!;
      if (start === current.start) {
        current.metrics[signal.name] = signal.value;
      }
    }
  }

  /** The entity's latest score, once its model is trained. */
  latest(entityRef: string): EntityAnomalyScore | undefined {
    return this.scores.get(entityRef);
  }

  private close(entityRef: string, bucket: OpenBucket) {
    const record = canonicalRecord(bucket.metrics, this.options.spec);
    this.cache.update(
      entityRef,
      bucket.start,
      () => new EntityAnomalyScorer(EntityAnomalyScorer.initial()),
      scorer =>
        this.keep(entityRef, bucket.start, scorer.update(bucket.start, record)),
    );
  }

  private keep(entityRef: string, timestamp: number, verdict: EntityVerdict) {
    if (verdict.ready) {
      this.scores.delete(entityRef);
      this.scores.set(entityRef, {
        entityRef,
        timestamp,
        score: verdict.score,
        contributions: verdict.contributions,
        missing: verdict.missing,
        unknown: verdict.unknown,
      });
    }
  }

  /** Keeps the open buckets and latest scores to the capacity (oldest out). */
  private bound() {
    for (const map of [this.open, this.scores] as Map<string, unknown>[]) {
      while (map.size > this.capacity) {
        map.delete(map.keys().next().value!);
      }
    }
  }
}
