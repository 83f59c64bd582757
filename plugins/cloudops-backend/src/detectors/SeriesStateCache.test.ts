import {
  DetectorSnapshot,
  DetectorStateStore,
} from '../database/DetectorStateStore';
import { LOADING, SeriesStateCache } from './SeriesStateCache';

/** A model that remembers the timestamps it learned, in order. */
interface Learned {
  version: 1;
  seen: number[];
}

/** A store with the optimistic saves of the database one. */
function memoryStore(): jest.Mocked<DetectorStateStore> & {
  rows: Map<string, DetectorSnapshot>;
  put(seriesId: string, state: string): void;
} {
  const rows = new Map<string, DetectorSnapshot>();
  return {
    rows,
    put(seriesId, state) {
      rows.set(`test|${seriesId}`, {
        seriesId,
        state,
        lastTimestamp: 0,
        revision: 1,
      });
    },
    load: jest.fn(async (kind: string, seriesId: string) =>
      rows.get(`${kind}|${seriesId}`),
    ),
    save: jest.fn(
      async (kind: string, snapshots: DetectorSnapshot[], _now: Date) => {
        const saved = new Set<string>();
        for (const s of snapshots) {
          const key = `${kind}|${s.seriesId}`;
          if ((rows.get(key)?.revision ?? 0) === s.revision) {
            rows.set(key, { ...s, revision: s.revision + 1 });
            saved.add(s.seriesId);
          }
        }
        return saved;
      },
    ),
    deleteOlderThan: jest.fn(async (_before: Date) => 0),
  };
}

function cache(
  store?: DetectorStateStore,
  capacity = 10,
  onWarning?: (message: string) => void,
) {
  return new SeriesStateCache<Learned>({
    kind: 'test',
    store,
    capacity,
    onWarning,
    codec: {
      version: 1,
      revive: state =>
        (state as Learned)?.version === 1 ? (state as Learned) : undefined,
      snapshot: value => ({
        state: value,
        lastTimestamp: value.seen[value.seen.length - 1] ?? 0,
      }),
    },
  });
}

/** Learns the point at `at` unless it is not after the last one; returns how many were learned. */
function learn(states: SeriesStateCache<Learned>, id: string, at: number) {
  const update = states.update(
    id,
    at,
    () => ({ version: 1, seen: [] }),
    value => {
      if (at > (value.seen[value.seen.length - 1] ?? 0)) value.seen.push(at);
      return value.seen.length;
    },
  );
  return update.done ? update.result : undefined;
}

function stored(store: ReturnType<typeof memoryStore>, id: string) {
  const row = store.rows.get(`test|${id}`);
  return row && { ...row, state: JSON.parse(row.state) };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('SeriesStateCache', () => {
  it('never waits for the store: work queues while a series loads, then runs in order', async () => {
    const store = memoryStore();
    store.put('a', '{"version":1,"seen":[1,2,3,4,5]}');
    const states = cache(store);
    expect(states.update('a', 6, jest.fn(), jest.fn())).toEqual({
      done: false,
      reason: LOADING,
    });
    expect(learn(states, 'a', 7)).toBeUndefined();
    await states.loaded('a');
    expect(store.load).toHaveBeenCalledTimes(1);
    // both queued points were applied to the loaded state
    expect(learn(states, 'a', 8)).toBe(7);
  });

  it('creates a series the store does not have, and does not ask again', async () => {
    const store = memoryStore();
    const states = cache(store);
    expect(learn(states, 'b', 1)).toBeUndefined();
    await states.loaded('b');
    expect(learn(states, 'b', 2)).toBe(2);
    expect(store.load).toHaveBeenCalledTimes(1);
    // without a store there is nothing to wait for
    expect(learn(cache(), 'c', 1)).toBe(1);
  });

  it('writes only changed series, on flush', async () => {
    const store = memoryStore();
    const states = cache(store);
    learn(states, 'a', 1);
    learn(states, 'b', 2);
    await Promise.all([states.loaded('a'), states.loaded('b')]);
    expect(store.save).not.toHaveBeenCalled();
    expect(await states.flush()).toBe(2);
    expect(await states.flush()).toBe(0);
    expect(stored(store, 'b')).toMatchObject({
      state: { seen: [2] },
      lastTimestamp: 2,
      revision: 1,
    });
    learn(states, 'b', 3);
    expect(await states.flush()).toBe(1);
    expect(stored(store, 'b')).toMatchObject({ lastTimestamp: 3, revision: 2 });
  });

  it('keeps changes when a flush fails, for the next one', async () => {
    const store = memoryStore();
    store.save.mockRejectedValueOnce(new Error('database gone'));
    const states = cache(store);
    learn(states, 'a', 1);
    await states.loaded('a');
    await expect(states.flush()).rejects.toThrow('database gone');
    expect(await states.flush()).toBe(1);
  });

  it('retries a load that failed, the points waiting, and never saves a fresh state over the stored one', async () => {
    const store = memoryStore();
    store.put('a', '{"version":1,"seen":[1,2,3]}');
    const warnings: string[] = [];
    const states = cache(store, 10, m => warnings.push(m));
    store.load.mockRejectedValueOnce(new Error('pool timeout'));
    expect(learn(states, 'a', 4)).toBeUndefined();
    await states.loaded('a');
    expect(learn(states, 'a', 5)).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Detector state of test series a not loaded, .*retried.*pool timeout/,
      ),
    ]);
    // the next flush loads it, learns the waiting points and saves
    expect(await states.flush()).toBe(1);
    expect(stored(store, 'a')).toMatchObject({
      state: { seen: [1, 2, 3, 4, 5] },
      revision: 2,
    });
  });

  it('replaces a stored state of an older format or not JSON', async () => {
    const store = memoryStore();
    store.put('a', '{"version":0}');
    store.put('b', '{"version":');
    const states = cache(store);
    for (const id of ['a', 'b']) {
      learn(states, id, 1);
      await states.loaded(id);
      expect(learn(states, id, 2)).toBe(2);
    }
    expect(await states.flush()).toBe(2);
    expect(stored(store, 'a')).toMatchObject({
      state: { seen: [1, 2] },
      revision: 2,
    });
  });

  it('keeps a stored state of a newer format as it is, with no verdict and a warning', async () => {
    const store = memoryStore();
    store.put('a', '{"version":2,"seen":[1]}');
    const warnings: string[] = [];
    const states = cache(store, 10, m => warnings.push(m));
    learn(states, 'a', 2);
    await states.loaded('a');
    const update = states.update('a', 3, jest.fn(), jest.fn());
    expect(update).toEqual({
      done: false,
      reason: expect.stringContaining('of version 2, newer than this replica'),
    });
    expect(warnings).toEqual([
      expect.stringContaining(
        'test series a: the saved state of this series is of version 2',
      ),
    ]);
    expect(await states.flush()).toBe(0);
    expect(store.rows.get('test|a')).toMatchObject({
      state: '{"version":2,"seen":[1]}',
      revision: 1,
    });
  });

  it('bounds memory: saved series beyond the capacity are dropped and reloaded', async () => {
    const store = memoryStore();
    const states = cache(store, 2);
    for (const id of ['a', 'b', 'c']) {
      learn(states, id, 1);
      await states.loaded(id);
    }
    expect(states.size).toBe(3); // unsaved changes are never dropped
    await states.flush();
    expect(states.size).toBe(2);
    expect(learn(states, 'a', 2)).toBeUndefined();
    await states.loaded('a');
    expect(learn(states, 'a', 3)).toBe(3);
    const memoryOnly = cache(undefined, 2);
    for (const id of ['a', 'b', 'c']) learn(memoryOnly, id, 1);
    expect(memoryOnly.size).toBe(2);
  });

  it('does not drop a series while it is being saved, and keeps it changed when the save fails', async () => {
    const store = memoryStore();
    const states = cache(store, 1);
    learn(states, 'a', 1);
    await states.loaded('a');
    let fail: (error: Error) => void = () => {};
    store.save.mockImplementationOnce(
      () => new Promise((_, reject) => (fail = reject)),
    );
    const flush = states.flush();
    // another series over the capacity while `a` is being saved
    learn(states, 'b', 1);
    await states.loaded('b');
    expect(learn(states, 'a', 2)).toBe(2); // still in memory
    fail(new Error('database gone'));
    await expect(flush).rejects.toThrow('database gone');
    expect(await states.flush()).toBe(2);
    expect(stored(store, 'a')?.state.seen).toEqual([1, 2]);
  });

  describe('across replicas sharing a store', () => {
    it('continues the state another replica saved, as one replica that saw every point', async () => {
      const store = memoryStore();
      const a = cache(store);
      const b = cache(store);
      const feed = async (states: SeriesStateCache<Learned>, at: number[]) => {
        for (const t of at) {
          if (learn(states, 's', t) === undefined) await states.loaded('s');
        }
      };
      await feed(a, range(1, 10));
      await a.flush();
      await feed(b, range(11, 20)); // b loads what a saved
      await feed(a, range(21, 30)); // a has not seen 11..20
      expect(await b.flush()).toBe(1);
      // a's save conflicts: it reloads b's state and learns 21..30 again
      expect(await a.flush()).toBe(1);
      expect(stored(store, 's')).toMatchObject({
        state: { seen: range(1, 30) },
        revision: 3,
      });
      await feed(b, range(31, 40)); // b has not seen 21..30
      expect(await b.flush()).toBe(1);
      expect(stored(store, 's')).toMatchObject({
        state: { seen: range(1, 40) },
        revision: 4,
      });
      // and b now holds what it saved
      expect(learn(b, 's', 41)).toBe(41);
    });

    it('does not store a fragment over a state that got further', async () => {
      const store = memoryStore();
      const a = cache(store);
      const b = cache(store);
      learn(a, 's', 1);
      await a.loaded('s');
      await a.flush();
      learn(b, 's', 3);
      await b.loaded('s');
      learn(a, 's', 2);
      await b.flush();
      // a's point 2 is older than b's last one: it is not learned again
      expect(await a.flush()).toBe(0);
      expect(stored(store, 's')?.state.seen).toEqual([1, 3]);
      expect(learn(a, 's', 4)).toBe(3);
    });

    it('inserts a new series only where no replica has: the second one continues the first', async () => {
      const store = memoryStore();
      const a = cache(store);
      const b = cache(store);
      learn(a, 's', 1);
      learn(b, 's', 2);
      await Promise.all([a.loaded('s'), b.loaded('s')]);
      expect(await a.flush()).toBe(1);
      expect(await b.flush()).toBe(1);
      expect(stored(store, 's')).toMatchObject({
        state: { seen: [1, 2] },
        revision: 2,
      });
    });

    it('retries a reload that failed at the next flush', async () => {
      const store = memoryStore();
      const warnings: string[] = [];
      const a = cache(store, 10, m => warnings.push(m));
      const b = cache(store);
      learn(a, 's', 1);
      learn(b, 's', 2);
      await Promise.all([a.loaded('s'), b.loaded('s')]);
      await b.flush();
      store.load.mockRejectedValue(new Error('pool timeout'));
      expect(await a.flush()).toBe(0);
      expect(warnings[0]).toMatch(/not reloaded .*pool timeout/);
      store.load.mockImplementation(async (kind, seriesId) =>
        store.rows.get(`${kind}|${seriesId}`),
      );
      expect(await a.flush()).toBe(0); // reloaded: nothing after b's point
      expect(stored(store, 's')?.state.seen).toEqual([2]);
    });
  });
});
