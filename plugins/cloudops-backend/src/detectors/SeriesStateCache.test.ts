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

describe('SeriesStateCache', () => {
  it('loads a series lazily once, even when asked concurrently', async () => {
    const store = memoryStore();
    store.rows.set('test|a', '{"n":5,"last":1}');
    const states = cache(store);
    const [one, two] = await Promise.all([states.get('a'), states.get('a')]);
    expect(one).toEqual({ n: 5, last: 1 });
    expect(two).toBe(one);
    expect(store.load).toHaveBeenCalledTimes(1);
    expect(await states.get('b')).toBeUndefined();
  });

  it('writes only changed series, on flush', async () => {
    const store = memoryStore();
    const states = cache(store);
    states.put('a', { n: 1, last: 1 });
    states.put('b', { n: 2, last: 2 });
    expect(store.save).not.toHaveBeenCalled();
    expect(await states.flush()).toBe(2);
    expect(await states.flush()).toBe(0);
    expect(store.rows.get('test|b')).toBe('{"n":2,"last":2}');
  });

  it('keeps changes when a flush fails, for the next one', async () => {
    const store = memoryStore();
    store.save.mockRejectedValueOnce(new Error('database gone'));
    const states = cache(store);
    states.put('a', { n: 1, last: 1 });
    await expect(states.flush()).rejects.toThrow('database gone');
    expect(await states.flush()).toBe(1);
  });

  it('ignores stored state it cannot read', async () => {
    const store = memoryStore();
    store.rows.set('test|a', '{"version":0}');
    expect(await cache(store).get('a')).toBeUndefined();
  });

  it('bounds memory: saved series beyond the capacity are dropped and reloaded', async () => {
    const store = memoryStore();
    const states = cache(store, 2);
    for (const id of ['a', 'b', 'c']) states.put(id, { n: 1, last: 1 });
    expect(states.size).toBe(3); // unsaved changes are never dropped
    await states.flush();
    expect(states.size).toBe(2);
    expect(await states.get('a')).toEqual({ n: 1, last: 1 });
    expect(store.load).toHaveBeenCalledWith('test', 'a');
    const memoryOnly = cache(undefined, 2);
    for (const id of ['a', 'b', 'c']) memoryOnly.put(id, { n: 1, last: 1 });
    expect(memoryOnly.size).toBe(2);
  });
});
