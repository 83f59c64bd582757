import { SeededRandom } from '../../random/SeededRandom';
import { FeatureAlignment, MetricRecord } from './featureAlignment';
import { IsolationForest } from './IsolationForest';

/** Serialisable state of an {@link EntityAnomalyScorer}: the recent vectors. */
export interface EntityScorerState {
  version: 1;
  /** The most recent metric records, oldest first. */
  records: MetricRecord[];
  /** Records since the model was last trained. */
  sinceTraining: number;
  lastTimestamp: number;
}

/** One feature's part in a verdict. */
export interface FeatureContribution {
  feature: string;
  /** Robust z against the training window (clipped to ±10). */
  z: number;
}

/** A metric vector's verdict. */
export type EntityVerdict =
  | { ready: false; reason: string }
  | {
      ready: true;
      /** Isolation score: about 0.5 or less is ordinary, towards 1 anomalous. */
      score: number;
      /** The features furthest from typical, largest first. */
      contributions: FeatureContribution[];
      /** Model features the vector lacked (imputed as typical). */
      missing: string[];
      /** Vector features the model does not know yet (ignored). */
      unknown: string[];
    };

/** Vectors kept to train on. */
const WINDOW = 256;
/** Vectors needed before the first model. */
export const ENTITY_WARMUP = 32;
/** The model is retrained after this many new vectors. */
const RETRAIN_EVERY = 64;
const TREES = 100;
const TOP_CONTRIBUTIONS = 3;

/**
 * Multivariate anomaly scoring of one entity's metric vector (CPU, latency,
 * error rate, … at one moment) with an isolation forest trained on its
 * recent vectors. Features are aligned by name ({@link FeatureAlignment}):
 * missing ones are imputed as typical, new or renamed ones are reported and
 * join at the next training, non-finite values never reach the model.
 * Only the recent vectors are state; the forest is retrained from them
 * (deterministically) after a restart. Training costs O(trees · 256 · log 256)
 * every 64 vectors: constant per vector.
 */
export class EntityAnomalyScorer {
  static initial(): EntityScorerState {
    return {
      version: 1,
      records: [],
      sinceTraining: 0,
      lastTimestamp: Number.NEGATIVE_INFINITY,
    };
  }

  private model?: { alignment: FeatureAlignment; forest: IsolationForest };

  constructor(readonly state: EntityScorerState) {}

  /** Scores a vector, then learns from it. Records not after the last are scored only. */
  update(timestamp: number, record: MetricRecord): EntityVerdict {
    const { state } = this;
    if (!this.model && state.records.length >= ENTITY_WARMUP) {
      this.train();
    }
    const verdict = this.score(record);
    if (timestamp > state.lastTimestamp && Object.keys(record).length > 0) {
      state.lastTimestamp = timestamp;
      state.records.push(record);
      if (state.records.length > WINDOW) state.records.shift();
      state.sinceTraining += 1;
      if (
        state.records.length >= ENTITY_WARMUP &&
        (!this.model || state.sinceTraining >= RETRAIN_EVERY)
      ) {
        this.train();
      }
    }
    return verdict;
  }

  private score(record: MetricRecord): EntityVerdict {
    if (!this.model) {
      return {
        ready: false,
        reason: `cold start: ${this.state.records.length} of ${ENTITY_WARMUP} vectors`,
      };
    }
    const { alignment, forest } = this.model;
    const { row, missing, unknown } = alignment.align(record);
    if (missing.length === alignment.features.length) {
      return {
        ready: false,
        reason: `none of the model's features (${alignment.features.join(
          ', ',
        )}) is in the vector`,
      };
    }
    const contributions = alignment.features
      .map((feature, i) => ({ feature, z: row[i] }))
      .filter(c => !missing.includes(c.feature))
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
      .slice(0, TOP_CONTRIBUTIONS);
    return {
      ready: true,
      score: forest.score(row),
      contributions,
      missing,
      unknown,
    };
  }

  private train() {
    const { records } = this.state;
    const alignment = FeatureAlignment.fit(records);
    if (alignment.features.length === 0) {
      this.model = undefined;
      return;
    }
    const rows = records.map(r => alignment.align(r).row);
    // seeded by the window's size and last timestamp: the same state trains the same forest
    const random = SeededRandom.fromSeed(
      (records.length * 7919 + this.state.lastTimestamp) | 0,
    );
    this.model = {
      alignment,
      forest: IsolationForest.train(rows, { trees: TREES, random }),
    };
    this.state.sinceTraining = 0;
  }
}
