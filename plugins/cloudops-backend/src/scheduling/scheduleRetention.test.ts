import { normalizeSignal } from '../signals/normalizeSignal';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { ForegroundWork } from './ForegroundWork';
import { applyRetention } from './scheduleRetention';

jest.setTimeout(60_000);

const DAY_MS = 24 * 3600_000;
const now = new Date(Date.UTC(2026, 10, 22, 12, 0, 0));
const daysAgo = (days: number, second = 0) =>
  new Date(now.getTime() - days * DAY_MS + second * 1000);
const retention = {
  detectorRunsMs: 7 * DAY_MS,
  signalsMs: 15 * DAY_MS,
  rollupsMs: 90 * DAY_MS,
};

/** `count` datapoints of one series, a second apart, `days` ago. */
const points = (days: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    normalizeSignal({
      source: 'prometheus',
      kind: 'metric',
      name: 'cpu_percent',
      timestamp: daysAgo(days, i).toISOString(),
      value: i,
      labels: { pod: `p-${days}` },
    }),
  );

describe('applyRetention', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'deletes signals, rollups and detector runs past their retention, slice by slice, on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      const { signals, detectorRuns } = database.stores;
      await signals.insertNew(
        [...points(100, 3), ...points(20, 12), ...points(1, 4)],
        now,
      );
      for (const days of [10, 2]) {
        await detectorRuns.record({
          detector: 'd',
          shard: 'default',
          startedAt: daysAgo(days).toISOString(),
          durationMs: 1,
          items: 0,
          outcome: 'succeeded',
        });
      }

      const pruned = await applyRetention(database, retention, now, {
        foreground: new ForegroundWork(),
        sliceRows: 5,
      });
      // The 100- and 20-day-old signals (15); the 100-day-old series' rollup
      // bucket (its 3 points fall in one 15-second bucket).
      expect(pruned).toEqual({ signals: 15, rollups: 1, detectorRuns: 1 });
      expect(await knex('signals').count({ n: '*' })).toEqual([
        { n: id.startsWith('POSTGRES') ? '4' : 4 },
      ]);
      expect(await knex('signal_rollups').count({ n: '*' })).toEqual([
        { n: id.startsWith('POSTGRES') ? '2' : 2 },
      ]);
      // The 10-day-old run went; the 2-day-old one stays.
      expect(
        (await detectorRuns.list({ detector: 'd', limit: 10 })).length,
      ).toBe(1);
    },
  );

  it.each(databases.ids)(
    'gives way to signal ingestion before each slice and stops when aborted, on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      await database.stores.signals.insertNew(points(20, 12), now);
      const remaining = async () =>
        Number((await knex('signals').count({ n: '*' }))[0].n);

      // Ingestion holds the first slice until it lets go.
      let letGo = () => {};
      const held = new Promise<void>(resolve => {
        letGo = resolve;
      });
      let waits = 0;
      const foreground = {
        idle: () => (++waits === 1 ? held : Promise.resolve()),
      };
      const done = applyRetention(database, retention, now, {
        foreground,
        sliceRows: 5,
      });
      await new Promise(resolve => setTimeout(resolve, 20));
      expect(await remaining()).toBe(12);
      letGo();
      expect((await done).signals).toBe(12);
      // Slices of 5, 5 and 2 (signals), then one of rollups.
      expect(waits).toBe(4);

      await database.stores.signals.insertNew(points(30, 12), now);
      const abort = new AbortController();
      abort.abort();
      const aborted = await applyRetention(database, retention, now, {
        foreground: new ForegroundWork(),
        abort: abort.signal,
        sliceRows: 5,
      });
      expect(aborted).toEqual({ detectorRuns: 0, signals: 0, rollups: 0 });
      expect(await remaining()).toBe(12);
    },
  );
});
