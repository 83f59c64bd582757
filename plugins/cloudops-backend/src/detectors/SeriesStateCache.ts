import { DetectorStateStore } from '../database/DetectorStateStore';

/** How a cache turns its values into snapshots and back. */
export interface SeriesStateCodec<T> {
  /** The value for a stored state, or undefined when it is not usable (an older format). */
  revive(state: unknown): T | undefined;
  /** The value's JSON state and the timestamp of the last point it learned from. */
  snapshot(value: T): { state: unknown; lastTimestamp: number };
}

/**
 * Per-series detector state in memory, loaded lazily from a
 * {@link DetectorStateStore} the first time a series is seen and written back
 * by {@link SeriesStateCache.flush} (the plugin calls it on a schedule and at
 * shutdown), never on the scoring path. At most `capacity` series stay in
 * memory once flushed: the least recently used are dropped and reloaded when
 * they come back.
 */
export class SeriesStateCache<T> {
  private readonly values = new Map<string, T>();
  private readonly dirty = new Set<string>();
  private readonly loading = new Map<string, Promise<T | undefined>>();

  constructor(
    private readonly options: {
      kind: string;
      codec: SeriesStateCodec<T>;
      store?: DetectorStateStore;
      capacity?: number;
    },
  ) {}

  /** The series' value, from memory or the store. */
  async get(seriesId: string): Promise<T | undefined> {
    const value = this.values.get(seriesId);
    if (value !== undefined) {
      this.values.delete(seriesId);
      this.values.set(seriesId, value);
      return value;
    }
    const { store } = this.options;
    if (!store) {
      return undefined;
    }
    let load = this.loading.get(seriesId);
    if (!load) {
      load = store
        .load(this.options.kind, seriesId)
        .then(snapshot =>
          snapshot
            ? this.options.codec.revive(JSON.parse(snapshot.state))
            : undefined,
        )
        .finally(() => this.loading.delete(seriesId));
      this.loading.set(seriesId, load);
    }
    const loaded = await load;
    // Another caller may have created the series while this one loaded.
    const current = this.values.get(seriesId);
    if (current !== undefined) return current;
    if (loaded !== undefined) this.values.set(seriesId, loaded);
    return loaded;
  }

  /** Stores a new or changed value; it is saved by the next flush. */
  put(seriesId: string, value: T): void {
    this.values.delete(seriesId);
    this.values.set(seriesId, value);
    if (this.options.store) this.dirty.add(seriesId);
    this.evict();
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

  /** Drops the least recently used series that are saved, over capacity. */
  private evict() {
    const capacity = this.options.capacity ?? 10_000;
    if (this.values.size <= capacity) return;
    for (const seriesId of this.values.keys()) {
      if (this.values.size <= capacity) break;
      if (!this.dirty.has(seriesId)) {
        this.values.delete(seriesId);
      }
    }
  }
}
