import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import {
  BuiltinAnomalyDetector,
  LOADING,
} from '../detectors/BuiltinAnomalyDetector';

jest.setTimeout(60_000);

const now = new Date(Date.UTC(2026, 10, 23, 1, 0));

describe('DatabaseDetectorStateStore', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'saves, loads and keeps the furthest state on %p',
    async id => {
      const store = (await databases.create(id)).database.detectorStates;
      expect(await store.load('anomaly', 'rule/series')).toBeUndefined();
      await store.save(
        'anomaly',
        [{ seriesId: 'rule/series', state: '{"n":1}', lastTimestamp: 100 }],
        now,
      );
      expect(await store.load('anomaly', 'rule/series')).toEqual({
        seriesId: 'rule/series',
        state: '{"n":1}',
        lastTimestamp: 100,
      });
      // newer wins; an older one (a slower replica) does not overwrite it
      await store.save(
        'anomaly',
        [{ seriesId: 'rule/series', state: '{"n":2}', lastTimestamp: 200 }],
        now,
      );
      await store.save(
        'anomaly',
        [{ seriesId: 'rule/series', state: '{"n":0}', lastTimestamp: 150 }],
        now,
      );
      expect((await store.load('anomaly', 'rule/series'))?.state).toBe(
        '{"n":2}',
      );
      // kinds are separate
      expect(await store.load('forecast', 'rule/series')).toBeUndefined();
      // retention
      expect(await store.deleteOlderThan(new Date(now.getTime() + 1))).toBe(1);
      expect(await store.load('anomaly', 'rule/series')).toBeUndefined();
    },
  );

  it.each(databases.ids)(
    'lets another detector instance continue a series on %p',
    async id => {
      const store = (await databases.create(id)).database.detectorStates;
      const first = new BuiltinAnomalyDetector({ store });
      const point = (i: number) => ({
        timestamp: Date.UTC(2026, 0, 1) + i * 60_000,
        value: 50 + (i % 7),
      });
      expect(await first.score('r/s', point(0))).toEqual({
        ready: false,
        reason: LOADING,
      });
      await first.cache.loaded('r/s');
      for (let i = 1; i < 300; i++) await first.score('r/s', point(i));
      expect(await first.cache.flush(now)).toBe(1);
      // a restart, or another replica: its first point waits for the state
      const second = new BuiltinAnomalyDetector({ store });
      expect(await second.score('r/s', point(300))).toEqual({
        ready: false,
        reason: LOADING,
      });
      await second.cache.loaded('r/s');
      const next = await second.score('r/s', point(301));
      await first.score('r/s', point(300));
      expect(next).toEqual(await first.score('r/s', point(301)));
      expect(next.ready).toBe(true);
    },
  );
});
