import { DetectorStateStore } from '../database/DetectorStateStore';

/** How a cache turns its values into snapshots and back. */
export interface SeriesStateCodec<T> {
  /** The value for a stored state, or undefined when it is not usable (an older format). */
  revive(state: unknown): T | undefined;
  /** The value's JSON state and the timestamp of the last point it learned from. */
  snapshot(value: T): { state: unknown; lastTimestamp: number };
}

/** Where and how much detector state a cache keeps. */
export interface SeriesStateStorage {
  store?: DetectorStateStore;
  /** Series kept in memory once saved; 10,000 by default. */
  capacity?: number;
  /** Told when a saved state cannot be read; the series then starts afresh. */
  onLoadError?: (seriesId: string, error: unknown) => void;
}

/** Work queued for a series while its saved state loads, at most this much. */
const MAX_QUEUED = 1000;

/**
 * Per-series detector state in memory, loaded lazily from a
 * {@link DetectorStateStore} and written back by {@link SeriesStateCache.flush}
 * (the plugin calls it on a schedule and at shutdown). Scoring never waits
 * for the database: the first time a replica meets a series, its saved state
 * is read in the background and the points that arrive meanwhile are queued
 * and learned from, in order, once it is there (scoring runs inside the
 * ingestion transaction, which on SQLite holds the only connection). At most
 * `capacity` series stay in memory once saved: the least recently used are
 * dropped and reloaded when they come back.
 */
export class SeriesStateCache<T> {
  private readonly values = new Map<string, T>();
  private readonly dirty = new Set<string>();
  /** Series known to have no saved state. */
  private readonly absent = new Set<string>();
  private readonly loading = new Map<string, Array<(value: T) => void>>();
  private readonly loads = new Map<string, Promise<void>>();

  constructor(
    private readonly options: SeriesStateStorage & {
      kind: string;
      codec: SeriesStateCodec<T>;
    },
  ) {}

  /**
   * Runs `use` on the series' value, made by `create` for a new series, and
   * marks it changed. While the series' saved state is loading, `use` is
   * queued to run once it is there, and this returns undefined.
   */
  update<R>(
    seriesId: string,
    create: () => T,
    use: (value: T) => R,
  ): R | undefined {
    const value = this.values.get(seriesId);
    if (value !== undefined) {
      return this.use(seriesId, value, use);
    }
    if (!this.options.store || this.absent.has(seriesId)) {
      return this.use(seriesId, create(), use);
    }
    this.queue(seriesId, create, use);
    return undefined;
  }

  /** Resolves when the series' saved state, if any, has been loaded. */
  async loaded(seriesId: string): Promise<void> {
    await this.loads.get(seriesId);
  }

  /** Series held in memory. */
  get size(): number {
    return this.values.size;
  }

  /** Saves every changed series; returns how many. */
  async flush(now = new Date()): Promise<number> {
    const { store, kind, codec } = this.options;
    if (!store || this.dirty.size === 0) {
      return 0;
    }
    const ids = [...this.dirty];
    this.dirty.clear();
    const snapshots = ids.flatMap(seriesId => {
      const value = this.values.get(seriesId);
      if (value === undefined) return [];
      const { state, lastTimestamp } = codec.snapshot(value);
      return [{ seriesId, state: JSON.stringify(state), lastTimestamp }];
    });
    try {
      await store.save(kind, snapshots, now);
    } catch (error) {
      ids.forEach(id => this.dirty.add(id));
      throw error;
    }
    this.evict();
    return snapshots.length;
  }

  private use<R>(seriesId: string, value: T, use: (value: T) => R): R {
    const result = use(value);
    this.values.delete(seriesId);
    this.values.set(seriesId, value);
    if (this.options.store) this.dirty.add(seriesId);
    this.evict();
    return result;
  }

  private queue<R>(seriesId: string, create: () => T, use: (value: T) => R) {
    const queued = this.loading.get(seriesId);
    if (queued) {
      if (queued.length < MAX_QUEUED) queued.push(value => use(value));
      return;
    }
    this.loading.set(seriesId, [value => use(value)]);
    const { store, kind, codec, onLoadError } = this.options;
    const load = store!
      .load(kind, seriesId)
      .then(snapshot =>
        snapshot ? codec.revive(JSON.parse(snapshot.state)) : undefined,
      )
      .catch(error => {
        onLoadError?.(seriesId, error);
        return undefined;
      })
      .then(loaded => {
        const work = this.loading.get(seriesId) ?? [];
        this.loading.delete(seriesId);
        this.loads.delete(seriesId);
        const value = this.values.get(seriesId) ?? loaded ?? create();
        if (loaded === undefined) this.remember(seriesId);
        this.use(seriesId, value, v => work.forEach(run => run(v)));
      });
    this.loads.set(seriesId, load);
  }

  /** Remembers that a series has no saved state, within the capacity. */
  private remember(seriesId: string) {
    this.absent.add(seriesId);
    if (this.absent.size > (this.options.capacity ?? 10_000)) {
      this.absent.delete(this.absent.values().next().value!);
    }
  }

  /** Drops the least recently used series that are saved, over capacity. */
  private evict() {
    const capacity = this.options.capacity ?? 10_000;
    if (this.values.size <= capacity) return;
    for (const seriesId of this.values.keys()) {
      if (this.values.size <= capacity) break;
      if (!this.dirty.has(seriesId)) {
        this.values.delete(seriesId);
        this.absent.delete(seriesId);
      }
    }
  }
}
