import {
  DetectorSnapshot,
  DetectorStateStore,
} from '../database/DetectorStateStore';
import { SeriesStateCache } from './SeriesStateCache';

interface Counter {
  n: number;
  last: number;
}

function memoryStore(): jest.Mocked<DetectorStateStore> & {
  rows: Map<string, string>;
} {
  const rows = new Map<string, string>();
  return {
    rows,
    load: jest.fn(async (kind, seriesId) => {
      const state = rows.get(`${kind}|${seriesId}`);
      return state ? { seriesId, state, lastTimestamp: 0 } : undefined;
    }),
    save: jest.fn(
      async (kind: string, snapshots: DetectorSnapshot[], _now: Date) => {
        snapshots.forEach(s => rows.set(`${kind}|${s.seriesId}`, s.state));
      },
    ),
    deleteOlderThan: jest.fn(async (_before: Date) => 0),
  };
}

function cache(store?: DetectorStateStore, capacity = 10) {
  return new SeriesStateCache<Counter>({
    kind: 'test',
    store,
    capacity,
    codec: {
      revive: state =>
        (state as Counter)?.n !== undefined ? (state as Counter) : undefined,
      snapshot: value => ({ state: value, lastTimestamp: value.last }),
    },
  });
}

/** Adds one to a series' counter (a new series starts at 0). */
function count(states: SeriesStateCache<Counter>, id: string, at = 1) {
  return states.update(
    id,
    () => ({ n: 0, last: 0 }),
    value => {
      value.n += 1;
      value.last = at;
      return value.n;
    },
  );
}

describe('SeriesStateCache', () => {
  it('never waits for the store: work queues while a series loads, then runs in order', async () => {
    const store = memoryStore();
    store.rows.set('test|a', '{"n":5,"last":1}');
    const states = cache(store);
    expect(count(states, 'a')).toBeUndefined();
    expect(count(states, 'a')).toBeUndefined();
    await states.loaded('a');
    expect(store.load).toHaveBeenCalledTimes(1);
    // both queued counts were applied to the loaded state
    expect(count(states, 'a')).toBe(8);
  });

  it('creates a series the store does not have, and does not ask again', async () => {
    const store = memoryStore();
    const states = cache(store);
    expect(count(states, 'b')).toBeUndefined();
    await states.loaded('b');
    expect(count(states, 'b')).toBe(2);
    expect(store.load).toHaveBeenCalledTimes(1);
    // without a store there is nothing to wait for
    expect(count(cache(), 'c')).toBe(1);
  });

  it('writes only changed series, on flush', async () => {
    const store = memoryStore();
    const states = cache(store);
    count(states, 'a');
    count(states, 'b', 2);
    await Promise.all([states.loaded('a'), states.loaded('b')]);
    expect(store.save).not.toHaveBeenCalled();
    expect(await states.flush()).toBe(2);
    expect(await states.flush()).toBe(0);
    expect(store.rows.get('test|b')).toBe('{"n":1,"last":2}');
  });

  it('keeps changes when a flush fails, for the next one', async () => {
    const store = memoryStore();
    store.save.mockRejectedValueOnce(new Error('database gone'));
    const states = cache(store);
    count(states, 'a');
    await states.loaded('a');
    await expect(states.flush()).rejects.toThrow('database gone');
    expect(await states.flush()).toBe(1);
  });

  it('starts afresh from stored state it cannot read or load', async () => {
    const store = memoryStore();
    store.rows.set('test|a', '{"version":0}');
    const states = cache(store);
    count(states, 'a');
    await states.loaded('a');
    expect(count(states, 'a')).toBe(2);
    store.load.mockRejectedValueOnce(new Error('timeout'));
    count(states, 'b');
    await states.loaded('b');
    expect(count(states, 'b')).toBe(2);
  });

  it('bounds memory: saved series beyond the capacity are dropped and reloaded', async () => {
    const store = memoryStore();
    const states = cache(store, 2);
    for (const id of ['a', 'b', 'c']) {
      count(states, id);
      await states.loaded(id);
    }
    expect(states.size).toBe(3); // unsaved changes are never dropped
    await states.flush();
    expect(states.size).toBe(2);
    expect(count(states, 'a')).toBeUndefined();
    await states.loaded('a');
    expect(count(states, 'a')).toBe(3);
    const memoryOnly = cache(undefined, 2);
    for (const id of ['a', 'b', 'c']) count(memoryOnly, id);
    expect(memoryOnly.size).toBe(2);
  });
});
