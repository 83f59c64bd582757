import {
  Signal,
  SignalKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** A signal as stored: with its content id and the entity it was linked to. */
export interface StoredSignal extends Signal {
  /** sha256 of fingerprint, timestamp, status and value. */
  id: string;
}

/** Which stored signal: its id, and the series and time it is filed under. */
export type SignalKey = Pick<StoredSignal, 'id' | 'fingerprint' | 'timestamp'>;

/** A series: its fingerprint and the entity it is filed under. */
export type SeriesRef = Pick<StoredSignal, 'fingerprint' | 'entityRef'>;

/**
 * One point of a metric series as the RCA reads it: the mean of the series'
 * datapoints in one time bucket, at the time of the first of them.
 */
export type MetricPoint = Pick<
  StoredSignal,
  'fingerprint' | 'entityRef' | 'name' | 'labels' | 'timestamp' | 'value'
>;

/**
 * Where a run of retention slices has got to: the key of the last row the
 * previous slice deleted up to. Opaque outside the store.
 */
export interface PruneCursor {
  readonly key: readonly unknown[];
}

/** One retention slice to delete: rows before `before`, past `after`, at most `limit`. */
export interface PruneRequest {
  before: Date;
  limit: number;
  after?: PruneCursor;
}

/** What one slice did: how many rows went, and where the next one starts (absent: none is left). */
export interface PruneSlice {
  pruned: number;
  next?: PruneCursor;
}

/** Where every received signal is kept. */
export interface SignalStore {
  /**
   * Stores the signals that are not stored yet and returns their ids; a
   * signal delivered twice is stored once. Metric datapoints are added to
   * their series' rollups in the same transaction (one of its own when the
   * store is not bound to one).
   */
  insertNew(signals: StoredSignal[], receivedAt: Date): Promise<Set<string>>;
  /** Links stored signals to the incident they became part of (again: no-op). */
  linkToIncident(signals: SignalKey[], incidentId: string): Promise<void>;
  listForIncident(incidentId: string, limit: number): Promise<StoredSignal[]>;
  /**
   * Signals of some kinds on these entities observed in [from, to), oldest
   * first, at most `limit` (the newest are dropped).
   */
  listForEntities(
    entityRefs: string[],
    options: { kinds: SignalKind[]; from: Date; to: Date; limit: number },
  ): Promise<StoredSignal[]>;

  /**
   * Signals of these series observed in `[from, to]`, oldest first. Each
   * series is named by its fingerprint and the entity its signals are filed
   * under (none: unlinked), which is how the store finds them.
   */
  listSeries(
    series: SeriesRef[],
    window: { from: Date; to: Date },
    limit: number,
  ): Promise<StoredSignal[]>;

  /**
   * The metric series of these entities in [from, to), downsampled: each
   * series (fingerprint) gets one point per `stepMs` bucket that has data
   * (see {@link MetricPoint}), so what is read grows with the number of
   * series and the window, not with how often they are sampled. Points come
   * grouped by series, each series oldest first; at most `limit`, whole
   * series first. A step of 15 s or more is rounded up to a multiple of 15 s
   * and read from the series' rollups kept at ingestion, with the window
   * widened to whole 15-second buckets; a shorter one aggregates the stored
   * datapoints.
   */
  listMetricSeries(
    entityRefs: string[],
    options: { from: Date; to: Date; stepMs: number; limit: number },
  ): Promise<MetricPoint[]>;

  /**
   * Retention, one slice: deletes the oldest signals observed before
   * `before` (and after the previous slice's cursor), at most `limit` of
   * them, except those an incident was formed from, which stay with their
   * incident. `next` is where the next slice starts; absent, none is left.
   */
  pruneSignals(slice: PruneRequest): Promise<PruneSlice>;

  /**
   * Retention of the metric rollups, one slice: the rows of the oldest
   * buckets that start before `before`, as {@link SignalStore.pruneSignals}.
   */
  pruneRollups(slice: PruneRequest): Promise<PruneSlice>;
}
