import path from 'node:path';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DatabaseSignalStore } from './DatabaseSignalStore';
import { normalizeSignal } from '../signals/normalizeSignal';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { signalRow } from './__testUtils__/signalRow';

jest.setTimeout(60_000);

const t0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

function metric(
  entity: string,
  pod: string,
  seconds: number,
  value: number | undefined,
): SignalInput {
  return {
    source: 'prometheus',
    kind: 'metric',
    name: 'cpu_percent',
    timestamp: at(seconds),
    value,
    entityRef: `component:default/${entity}`,
    labels: { pod, unit: 'percent' },
  };
}

describe('DatabaseSignalStore', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'reads metric series downsampled to one mean per bucket on %p',
    async id => {
      const { database } = await databases.create(id);
      const { signals } = database.stores;
      const dense = Array.from({ length: 120 }, (_, i) =>
        metric('a', 'dense', i, i),
      );
      const inputs = [
        ...dense,
        metric('a', 'sparse', 10, 5),
        metric('a', 'sparse', 100, 7),
        metric('a', 'sparse', -1, 1000), // before the window
        metric('a', 'sparse', 120, 1000), // at its end: excluded
        metric('a', 'empty', 30, undefined), // no value
        metric('b', 'other', 5, 3),
        metric('c', 'not-asked', 5, 3),
        {
          ...metric('a', 'dense', 50, undefined),
          kind: 'alert' as const,
          name: 'CpuHigh',
          status: 'firing' as const,
        },
      ].map(normalizeSignal);
      expect((await signals.insertNew(inputs, new Date())).size).toBe(
        inputs.length,
      );

      const window = { from: new Date(at(0)), to: new Date(at(120)) };
      const points = await signals.listMetricSeries(
        ['component:default/a', 'component:default/b'],
        { ...window, stepMs: 60_000, limit: 100 },
      );
      const byPod = (pod: string) =>
        points
          .filter(p => p.labels.pod === pod)
          .map(p => [p.timestamp, p.value]);
      // 120 datapoints a second apart: two points, each the mean of its minute.
      expect(byPod('dense')).toEqual([
        [at(0), 29.5],
        [at(60), 89.5],
      ]);
      // Sparser than the step: the points as stored.
      expect(byPod('sparse')).toEqual([
        [at(10), 5],
        [at(100), 7],
      ]);
      expect(byPod('other')).toEqual([[at(5), 3]]);
      expect(points).toHaveLength(5);
      expect(points[0]).toMatchObject({
        entityRef: 'component:default/a',
        name: 'cpu_percent',
        labels: { unit: 'percent' },
      });

      // Grouped by series, each oldest first; the limit keeps the first points.
      const fingerprints = points.map(p => p.fingerprint);
      expect(fingerprints).toEqual(
        [...fingerprints].sort((x, y) => (x < y ? -1 : Number(x > y))),
      );
      const seconds = await signals.listMetricSeries(['component:default/a'], {
        ...window,
        stepMs: 1000,
        limit: 1000,
      });
      expect(
        seconds.filter(p => p.labels.pod === 'dense').map(p => p.value),
      ).toEqual(dense.map(d => d.value));
      const limited = await signals.listMetricSeries(['component:default/a'], {
        ...window,
        stepMs: 1000,
        limit: 3,
      });
      expect(limited).toEqual(seconds.slice(0, 3));
      expect(
        await signals.listMetricSeries([], { ...window, stepMs: 1, limit: 1 }),
      ).toEqual([]);
    },
  );

  it.each(databases.ids)(
    'keeps stored and linked signals through the insert-only and time-keyed migrations and back on %p',
    async id => {
      const { knex } = await databases.create(id);
      const directory = path.resolve(__dirname, '../../migrations');
      const insertOnly = '20261125200000_signals_insert_only.js';
      await knex.migrate.rollback({ directory }, true);
      for (;;) {
        const [, pending] = await knex.migrate.list({ directory });
        if (pending[0].file === insertOnly) break;
        await knex.migrate.up({ directory });
      }
      const [formed, other] = [
        metric('a', 'p', 1, 90),
        metric('a', 'p', 2, 91),
      ].map(normalizeSignal);
      const incidentId = '00000000-0000-4000-8000-000000000001';
      await knex('signals').insert(
        [formed, other].map(s => ({
          ...signalRow(s),
          incident_id: s === formed ? incidentId : null,
        })),
      );

      await knex.migrate.latest({ directory });
      const signals = new DatabaseSignalStore(knex);
      expect(await signals.listForIncident(incidentId, 10)).toEqual([formed]);
      expect((await signals.insertNew([formed, other], new Date())).size).toBe(
        0,
      );

      for (;;) {
        const [, pending] = await knex.migrate.list({ directory });
        if (pending.some((m: { file: string }) => m.file === insertOnly)) break;
        await knex.migrate.down({ directory });
      }
      expect(
        await knex('signals').select('id', 'incident_id').orderBy('id'),
      ).toEqual(
        [
          { id: formed.id, incident_id: incidentId },
          { id: other.id, incident_id: null },
        ].sort((x, y) => (x.id < y.id ? -1 : 1)),
      );
      expect(await knex.schema.hasTable('incident_signals')).toBe(false);
      await knex.migrate.latest({ directory });
    },
  );

  it.each(databases.ids)(
    'reads the signals of series filed under entities and unlinked on %p',
    async id => {
      const { database } = await databases.create(id);
      const { signals } = database.stores;
      const unlinked = (seconds: number, value: number) => ({
        ...metric('a', 'loose', seconds, value),
        entityRef: undefined,
      });
      const inputs = [
        metric('a', 'p', 10, 1),
        metric('a', 'p', 20, 2),
        metric('a', 'q', 15, 3), // same entity, another series
        metric('b', 'r', 12, 4),
        metric('b', 'r', 200, 5), // after the window
        unlinked(18, 6),
        unlinked(11, 7),
      ].map(normalizeSignal);
      await signals.insertNew(inputs, new Date());
      const [p10, p20, , r12, , loose18, loose11] = inputs;
      const asked = [p10, r12, loose18].map(s => ({
        fingerprint: s.fingerprint,
        entityRef: s.entityRef,
      }));
      const window = { from: new Date(at(0)), to: new Date(at(100)) };

      expect(await signals.listSeries(asked, window, 100)).toEqual([
        p10,
        loose11,
        r12,
        loose18,
        p20,
      ]);
      expect(await signals.listSeries(asked, window, 2)).toEqual([
        p10,
        loose11,
      ]);
      expect(await signals.listSeries(asked.slice(0, 1), window, 100)).toEqual([
        p10,
        p20,
      ]);
      expect(await signals.listSeries([], window, 100)).toEqual([]);
    },
  );

  it.each(databases.ids)(
    'prunes the oldest signals and rollups a slice at a time, keeping those incidents were formed from, on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      const { signals } = database.stores;
      // Seconds 0..9 (two series at second 4, so the same time twice),
      // then 100 and 110, past the retention horizon below.
      const inputs = [
        ...Array.from({ length: 10 }, (_, i) => metric('a', 'p', i, i)),
        metric('a', 'q', 4, 40),
        metric('a', 'p', 100, 100),
        metric('a', 'p', 110, 110),
      ].map(normalizeSignal);
      await signals.insertNew(inputs, new Date());
      const formed = [inputs[0], inputs[2]];
      await signals.linkToIncident(
        formed,
        '00000000-0000-4000-8000-000000000001',
      );
      const before = new Date(at(50));
      const left = async () =>
        (await knex('signals').select('value'))
          .map(r => r.value)
          .sort((x, y) => x - y);

      // 9 old unlinked signals (1, 3..9 and the other series' 4), in slices
      // of exactly 3 even where two share a time (second 4), each slice
      // starting where the last ended.
      const first = await signals.pruneSignals({ before, limit: 3 });
      expect(first.pruned).toBe(3);
      expect(await left()).toHaveLength(10);
      const second = await signals.pruneSignals({
        before,
        limit: 3,
        after: first.next,
      });
      expect(second.pruned).toBe(3);
      const third = await signals.pruneSignals({
        before,
        limit: 3,
        after: second.next,
      });
      expect(third.pruned).toBe(3);
      expect(
        await signals.pruneSignals({ before, limit: 3, after: third.next }),
      ).toEqual({ pruned: 0 });
      // From the start again: only the kept ones are old.
      expect(await signals.pruneSignals({ before, limit: 3 })).toEqual({
        pruned: 0,
      });
      expect(await left()).toEqual([0, 2, 100, 110]);
      expect(
        await signals.listForIncident(
          '00000000-0000-4000-8000-000000000001',
          10,
        ),
      ).toEqual(formed);

      // Rollups: 15-second buckets per series, so pod p's seconds 0..9 and
      // pod q's second 4 are two rows of the first bucket (whose points 0 and
      // 2 stay as signals: rollups go by their own retention).
      const buckets = async () =>
        (await knex('signal_rollups').select('bucket_at', 'count'))
          .map(r => [Number(r.bucket_at) - Date.parse(at(0)), Number(r.count)])
          .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      expect(await buckets()).toEqual([
        [0, 1],
        [0, 10],
        [90_000, 1],
        [105_000, 1],
      ]);
      // One row at a time, though two share the first bucket.
      const rollups = { before: new Date(at(105)), limit: 1 };
      let slice = await signals.pruneRollups(rollups);
      expect(slice.pruned).toBe(1);
      expect(await buckets()).toHaveLength(3);
      for (const pruned of [1, 1, 0]) {
        slice = await signals.pruneRollups({ ...rollups, after: slice.next });
        expect(slice.pruned).toBe(pruned);
      }
      expect(slice.next).toBeUndefined();
      expect(await buckets()).toEqual([[105_000, 1]]);
    },
  );
});
