import { DetectorStateStore } from '../database/DetectorStateStore';
import { readStoredState, SeriesStateCodec } from './storedState';

/** Where and how much detector state a cache keeps. */
export interface SeriesStateStorage {
  store?: DetectorStateStore;
  /** Series kept in memory once saved; 10,000 by default. */
  capacity?: number;
  /**
   * Told when a saved state cannot be loaded (the series' points wait and
   * the load is retried at the next flush) or is of a newer format than this
   * code reads (it is kept as it is).
   */
  onWarning?: (message: string) => void;
}

/** What a point gets while its series' saved state is being read. */
export const LOADING =
  'loading the saved state of this series (the point is learned from once it is loaded)';

/** Points queued while a series loads, or kept until it is saved: at most this many. */
const MAX_POINTS = 1000;
/** Times a flush reloads and saves again a series another replica saved meanwhile. */
const SAVE_ROUNDS = 3;

/** A point's work on a series' value; replayed on a reloaded state. */
interface Point<T> {
  timestamp: number;
  learn: (value: T) => unknown;
}

/** The saved state is being read (`load` set) or is to be read again. */
interface LoadingEntry<T> {
  status: 'loading';
  create: () => T;
  queue: Point<T>[];
  load?: Promise<void>;
}

type Entry<T> =
  | LoadingEntry<T>
  /**
   * In memory, built on the stored `revision` (0: no row) plus the `pending`
   * points; `busy` while it is being saved or reloaded.
   */
  | {
      status: 'ready';
      value: T;
      revision: number;
      pending: Point<T>[];
      changed: boolean;
      busy: boolean;
    }
  /** Stored in a newer format than this code reads: left alone. */
  | { status: 'newer'; reason: string };

type ReadyEntry<T> = Extract<Entry<T>, { status: 'ready' }>;

/** The result of {@link SeriesStateCache.update}. */
export type SeriesUpdate<R> =
  | { done: true; result: R }
  | { done: false; reason: string };

/**
 * Per-series detector state in memory, loaded lazily from a
 * {@link DetectorStateStore} and written back by {@link SeriesStateCache.flush}
 * (the plugin calls it on a schedule and at shutdown). Scoring never waits
 * for the database: the first time a replica meets a series, its saved state
 * is read in the background and the points that arrive meanwhile are queued
 * and learned from, in order, once it is there (scoring runs inside the
 * ingestion transaction, which on SQLite holds the only connection); a load
 * that fails is retried at the next flush, and a fresh state is never saved
 * over a stored one. Saves are optimistic: when another replica saved a
 * series since this one read it, its stored state is reloaded and the points
 * learned here after the stored state's last one are learned from again
 * before saving. At most `capacity` series stay in memory once saved: the
 * least recently used are dropped and reloaded when they come back.
 */
export class SeriesStateCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly options: SeriesStateStorage & {
      kind: string;
      codec: SeriesStateCodec<T>;
    },
  ) {}

  /**
   * Runs `learn` on the series' value, made by `create` for a new series,
   * for its point at `timestamp`, and marks the series changed. While the
   * series' saved state is loading, `learn` is queued to run once it is
   * there, and this is not done.
   */
  update<R>(
    seriesId: string,
    timestamp: number,
    create: () => T,
    learn: (value: T) => R,
  ): SeriesUpdate<R> {
    const entry = this.entries.get(seriesId);
    if (entry?.status === 'ready') {
      return {
        done: true,
        result: this.learn(seriesId, entry, timestamp, learn),
      };
    }
    if (entry?.status === 'newer') {
      this.touch(seriesId, entry);
      return { done: false, reason: entry.reason };
    }
    if (entry) {
      if (entry.queue.length < MAX_POINTS) {
        entry.queue.push({ timestamp, learn });
      }
      return { done: false, reason: LOADING };
    }
    if (!this.options.store) {
      const created = this.ready(seriesId, create(), 0);
      return {
        done: true,
        result: this.learn(seriesId, created, timestamp, learn),
      };
    }
    const loading: LoadingEntry<T> = {
      status: 'loading',
      create,
      queue: [{ timestamp, learn }],
    };
    this.entries.set(seriesId, loading);
    this.load(seriesId, loading);
    return { done: false, reason: LOADING };
  }

  /** Resolves when the series' saved state, if any, has been read. */
  async loaded(seriesId: string): Promise<void> {
    const entry = this.entries.get(seriesId);
    if (entry?.status === 'loading') await entry.load;
  }

  /** Series held in memory. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Retries the loads that failed, then saves every changed series; returns
   * how many were saved.
   */
  async flush(now = new Date()): Promise<number> {
    if (!this.options.store) {
      return 0;
    }
    await Promise.all(
      [...this.entries].map(([seriesId, entry]) =>
        entry.status === 'loading' && !entry.load
          ? this.load(seriesId, entry)
          : undefined,
      ),
    );
    let saved = 0;
    for (let round = 0; round < SAVE_ROUNDS; round++) {
      const changed = [...this.entries].filter(
        (e): e is [string, ReadyEntry<T>] =>
          e[1].status === 'ready' && e[1].changed && !e[1].busy,
      );
      if (changed.length === 0) break;
      const conflicts = await this.save(changed, now);
      saved += changed.length - conflicts.length;
      if (conflicts.length === 0) break;
      await Promise.all(conflicts.map(e => this.reload(...e)));
    }
    return saved;
  }

  private learn<R>(
    seriesId: string,
    entry: ReadyEntry<T>,
    timestamp: number,
    learn: (value: T) => R,
  ): R {
    const result = learn(entry.value);
    if (this.options.store) {
      entry.pending.push({ timestamp, learn });
      if (entry.pending.length > MAX_POINTS) entry.pending.shift();
      entry.changed = true;
    }
    this.touch(seriesId, entry);
    this.evict();
    return result;
  }

  private ready(seriesId: string, value: T, revision: number): ReadyEntry<T> {
    const entry: ReadyEntry<T> = {
      status: 'ready',
      value,
      revision,
      pending: [],
      changed: false,
      busy: false,
    };
    this.entries.set(seriesId, entry);
    return entry;
  }

  private load(seriesId: string, entry: LoadingEntry<T>): Promise<void> {
    const { store, kind, codec, onWarning } = this.options;
    entry.load = store!.load(kind, seriesId).then(
      snapshot => {
        const stored = snapshot && readStoredState(codec, snapshot);
        if (stored?.newerVersion !== undefined) {
          this.newer(seriesId, stored.newerVersion);
          return;
        }
        const value = stored?.value ?? entry.create();
        const ready = this.ready(seriesId, value, snapshot?.revision ?? 0);
        entry.queue.forEach(p =>
          this.learn(seriesId, ready, p.timestamp, p.learn),
        );
      },
      error => {
        entry.load = undefined;
        onWarning?.(
          `Detector state of ${kind} series ${seriesId} not loaded, its points wait and it is retried at the next save: ${error}`,
        );
      },
    );
    return entry.load;
  }

  /**
   * Saves `changed` series, each only if no other replica saved it since
   * its revision; returns the others, still busy, to be reloaded.
   */
  private async save(
    changed: Array<[string, ReadyEntry<T>]>,
    now: Date,
  ): Promise<Array<[string, ReadyEntry<T>]>> {
    const { store, kind, codec } = this.options;
    const snapshots = changed.map(([seriesId, entry]) => {
      entry.busy = true;
      entry.changed = false;
      const { state, lastTimestamp } = codec.snapshot(entry.value);
      const json = JSON.stringify(state);
      return { seriesId, state: json, lastTimestamp, revision: entry.revision };
    });
    let saved: Set<string>;
    try {
      saved = await store!.save(kind, snapshots, now);
    } catch (error) {
      for (const [, entry] of changed) {
        entry.busy = false;
        entry.changed = true;
      }
      throw error;
    }
    const conflicts = changed.filter(([seriesId, entry], i) => {
      if (!saved.has(seriesId)) {
        entry.changed = true;
        return true;
      }
      const { lastTimestamp } = snapshots[i];
      entry.busy = false;
      entry.revision += 1;
      entry.pending = entry.pending.filter(p => p.timestamp > lastTimestamp);
      return false;
    });
    this.evict();
    return conflicts;
  }

  /**
   * Continues from the state another replica saved: the points learned here
   * after its last one are learned from again, and the series is saved next.
   */
  private async reload(seriesId: string, entry: ReadyEntry<T>) {
    const { store, kind, codec, onWarning } = this.options;
    let snapshot;
    try {
      snapshot = await store!.load(kind, seriesId);
    } catch (error) {
      onWarning?.(
        `Detector state of ${kind} series ${seriesId} not reloaded after another replica saved it, retried at the next save: ${error}`,
      );
      return;
    } finally {
      entry.busy = false;
    }
    const stored = snapshot && readStoredState(codec, snapshot);
    if (stored?.newerVersion !== undefined) {
      this.newer(seriesId, stored.newerVersion);
      return;
    }
    entry.revision = snapshot?.revision ?? 0;
    if (!snapshot || !stored?.value) {
      return; // gone, or unusable: this replica's state replaces it
    }
    const { value } = stored;
    const after = snapshot.lastTimestamp;
    entry.pending = entry.pending.filter(p => p.timestamp > after);
    entry.pending.forEach(p => p.learn(value));
    entry.value = value;
    entry.changed = entry.pending.length > 0;
  }

  /** Leaves a series stored in a newer format alone, and says so. */
  private newer(seriesId: string, version: number) {
    const { kind, codec, onWarning } = this.options;
    const reason = `the saved state of this series is of version ${version}, newer than this replica reads (${codec.version}): kept as it is, no verdict here`;
    this.entries.set(seriesId, { status: 'newer', reason });
    onWarning?.(`Detector state of ${kind} series ${seriesId}: ${reason}`);
  }

  private touch(seriesId: string, entry: Entry<T>) {
    this.entries.delete(seriesId);
    this.entries.set(seriesId, entry);
  }

  /**
   * Drops the least recently used series over capacity that are saved and
   * not being saved or loaded.
   */
  private evict() {
    const capacity = this.options.capacity ?? 10_000;
    for (const [seriesId, entry] of this.entries) {
      if (this.entries.size <= capacity) break;
      if (
        entry.status === 'newer' ||
        (entry.status === 'ready' && !entry.changed && !entry.busy)
      ) {
        this.entries.delete(seriesId);
      }
    }
  }
}
