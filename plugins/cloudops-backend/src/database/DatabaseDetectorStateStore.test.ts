import path from 'path';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { UnivariateDetector } from '../anomaly/univariate/UnivariateDetector';
import { BuiltinAnomalyDetector } from '../detectors/BuiltinAnomalyDetector';
import { LOADING } from '../detectors/SeriesStateCache';
import { withheld } from '../detectors/withheldVerdict';

jest.setTimeout(60_000);

const now = new Date(Date.UTC(2026, 10, 23, 1, 0));

const point = (i: number) => ({
  timestamp: Date.UTC(2026, 0, 1) + i * 60_000,
  value: 50 + (i % 7) + Math.sin(i),
});

/** Scores points `from`..`to` of series `r/s`, waiting for its state to load. */
async function feed(
  detector: BuiltinAnomalyDetector,
  from: number,
  to: number,
) {
  for (let i = from; i <= to; i++) {
    const verdict = await detector.score('r/s', point(i));
    if (!verdict.ready && verdict.reason === LOADING) {
      await detector.cache.loaded('r/s');
    }
  }
}

describe('DatabaseDetectorStateStore', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'saves a series only at the revision it was built on on %p',
    async id => {
      const store = (await databases.create(id)).database.detectorStates;
      const snapshot = (n: number, revision: number, seriesId = 'r/s') => ({
        seriesId,
        state: `{"n":${n}}`,
        lastTimestamp: 100 * n,
        revision,
      });
      expect(await store.load('anomaly', 'r/s')).toBeUndefined();
      expect(await store.save('anomaly', [snapshot(1, 0)], now)).toEqual(
        new Set(['r/s']),
      );
      expect(await store.load('anomaly', 'r/s')).toEqual({
        seriesId: 'r/s',
        state: '{"n":1}',
        lastTimestamp: 100,
        revision: 1,
      });
      // a new series (revision 0) never replaces a stored one; a stale
      // revision does not either, whatever its last point
      expect(
        await store.save(
          'anomaly',
          [snapshot(9, 0), snapshot(2, 1), snapshot(1, 0, 'r/t')],
          now,
        ),
      ).toEqual(new Set(['r/s', 'r/t']));
      expect(await store.save('anomaly', [snapshot(9, 1)], now)).toEqual(
        new Set(),
      );
      // two replicas saving the same revision at once: one of them saves
      const [one, other] = await Promise.all([
        store.save('anomaly', [snapshot(3, 1, 'r/t')], now),
        store.save('anomaly', [snapshot(4, 1, 'r/t')], now),
      ]);
      expect(one.size + other.size).toBe(1);
      expect(await store.load('anomaly', 'r/s')).toMatchObject({
        state: '{"n":2}',
        revision: 2,
      });
      // kinds are separate
      expect(await store.load('forecast', 'r/s')).toBeUndefined();
      // retention
      expect(await store.deleteOlderThan(new Date(now.getTime() + 1))).toBe(2);
      expect(await store.load('anomaly', 'r/s')).toBeUndefined();
    },
  );

  it.each(databases.ids)(
    'starts the states stored before revisions at revision 1 on %p',
    async id => {
      const { knex, database } = await databases.create(id);
      const directory = path.resolve(__dirname, '../../migrations');
      await knex.migrate.down({
        directory,
        name: '20261130100000_detector_state_revisions.js',
      });
      await knex('detector_states').insert({
        kind: 'anomaly',
        series_id: 'r/s',
        state: '{"n":1}',
        last_timestamp: 100,
        updated_at: now,
      });
      await knex.migrate.latest({ directory });
      expect(await database.detectorStates.load('anomaly', 'r/s')).toEqual({
        seriesId: 'r/s',
        state: '{"n":1}',
        lastTimestamp: 100,
        revision: 1,
      });
    },
  );

  it.each(databases.ids)(
    'gives replicas taking turns the state of one that saw every point on %p',
    async id => {
      const store = (await databases.create(id)).database.detectorStates;
      const a = new BuiltinAnomalyDetector({ store });
      const b = new BuiltinAnomalyDetector({ store });
      await feed(a, 0, 99);
      await a.cache.flush(now);
      await feed(b, 100, 199); // b continues from what a saved
      await feed(a, 200, 249); // a has not seen 100..199
      expect(await b.cache.flush(now)).toBe(1);
      expect(await a.cache.flush(now)).toBe(1); // reloaded, 200..249 again
      await feed(b, 250, 299); // b has not seen 200..249
      expect(await b.cache.flush(now)).toBe(1);
      const inOrder = new UnivariateDetector(
        UnivariateDetector.initial(point(0)),
      );
      for (let i = 0; i < 300; i++) {
        inOrder.update(point(i).timestamp, point(i).value);
      }
      const saved = await store.load('anomaly', 'r/s');
      expect(saved).toMatchObject({
        lastTimestamp: point(299).timestamp,
        revision: 4,
      });
      expect(JSON.parse(saved!.state)).toEqual(
        JSON.parse(JSON.stringify(inOrder.state)),
      );
    },
  );

  it.each(databases.ids)(
    'lets another detector instance continue a series on %p',
    async id => {
      const store = (await databases.create(id)).database.detectorStates;
      const first = new BuiltinAnomalyDetector({ store });
      expect(await first.score('r/s', point(0))).toEqual(withheld(LOADING));
      await first.cache.loaded('r/s');
      for (let i = 1; i < 300; i++) await first.score('r/s', point(i));
      expect(await first.cache.flush(now)).toBe(1);
      // a restart, or another replica: its first point waits for the state;
      // one learned before the restart (a retried batch) has no verdict
      // either, rather than counting as a cold start
      const second = new BuiltinAnomalyDetector({ store });
      expect(await second.score('r/s', point(299))).toEqual(withheld(LOADING));
      await second.cache.loaded('r/s');
      expect(await second.score('r/s', point(299))).toEqual(
        withheld('a point not after the last one is not learned from'),
      );
      await second.score('r/s', point(300));
      const next = await second.score('r/s', point(301));
      await first.score('r/s', point(300));
      expect(next).toEqual(await first.score('r/s', point(301)));
      expect(next.ready).toBe(true);
    },
  );
});
