import fs from 'node:fs';
import path from 'node:path';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DatabaseSignalStore } from './DatabaseSignalStore';
import { normalizeSignal } from '../signals/normalizeSignal';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { SeededRandom } from '../random/SeededRandom';
import { signalRow } from './__testUtils__/signalRow';

const ROLLUPS_MIGRATION = '20261126010000_signal_rollups.js';

jest.setTimeout(60_000);

const t0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const at = (ms: number) => new Date(t0 + ms).toISOString();

function metric(pod: string, ms: number, value: number): SignalInput {
  return {
    source: 'prometheus',
    kind: 'metric',
    name: 'latency_ms',
    timestamp: at(ms),
    value,
    entityRef: 'component:default/a',
    labels: { pod },
  };
}

describe('signal rollups', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'agree with the stored datapoints, whatever the delivery, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { signals } = database.stores;
      const random = SeededRandom.fromSeed(7);
      const inputs = Array.from({ length: 600 }, () => {
        const pod = `p${Math.floor(random.next() * 4)}`;
        const ms = Math.floor(random.next() * 10 * 60_000);
        return metric(pod, ms, Math.round(random.next() * 1000) / 10);
      }).map(normalizeSignal);
      // Out of order, in overlapping batches, some delivered twice.
      for (let i = 0; i < inputs.length; i += 100) {
        await signals.insertNew(
          inputs.slice(Math.max(0, i - 30), i + 100),
          new Date(),
        );
      }
      const window = { from: new Date(at(0)), to: new Date(at(10 * 60_000)) };
      for (const stepMs of [15_000, 60_000]) {
        const rolled = await signals.listMetricSeries(['component:default/a'], {
          ...window,
          stepMs,
          limit: 10_000,
        });
        const expected = new Map<
          string,
          { total: number; n: number; first: number }
        >();
        for (const s of new Map(inputs.map(i => [i.id, i])).values()) {
          const t = Date.parse(s.timestamp);
          const key = `${s.labels.pod} ${Math.floor((t - t0) / stepMs)}`;
          const e = expected.get(key) ?? { total: 0, n: 0, first: Infinity };
          expected.set(key, {
            total: e.total + s.value!,
            n: e.n + 1,
            first: Math.min(e.first, t),
          });
        }
        expect(
          rolled.map(p => [
            `${p.labels.pod} ${Math.floor(
              (Date.parse(p.timestamp) - t0) / stepMs,
            )}`,
            p.timestamp,
            p.value,
          ]),
        ).toEqual(
          expect.arrayContaining(
            [...expected].map(([key, e]) => [
              key,
              new Date(e.first).toISOString(),
              expect.closeTo(e.total / e.n, 6),
            ]),
          ),
        );
        expect(rolled).toHaveLength(expected.size);
      }
    },
  );

  it.each(databases.ids)(
    'return whole series in order, and the first of them when there are more points than the limit, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { signals } = database.stores;
      const random = SeededRandom.fromSeed(11);
      const inputs = Array.from({ length: 300 }, () =>
        metric(
          `p${Math.floor(random.next() * 12)}`,
          Math.floor(random.next() * 10 * 60_000),
          1,
        ),
      ).map(normalizeSignal);
      await signals.insertNew(inputs, new Date());
      const read = (limit: number) =>
        signals.listMetricSeries(['component:default/a'], {
          from: new Date(at(0)),
          to: new Date(at(10 * 60_000)),
          stepMs: 15_000,
          limit,
        });
      const key = (p: { fingerprint: string; timestamp: string }) =>
        `${p.fingerprint} ${p.timestamp}`;

      const all = await read(10_000);
      expect(all.length).toBeGreaterThan(100);
      expect(all.map(key)).toEqual(all.map(key).sort());
      // Past the limit: the same order, cut after `limit` points.
      expect((await read(all.length - 7)).map(key)).toEqual(
        all.slice(0, all.length - 7).map(key),
      );
      expect(await read(all.length)).toEqual(all);
    },
  );

  it.each(databases.ids)(
    'rounds a longer step up to whole buckets and widens the window to them on %p',
    async id => {
      const { database } = await databases.create(id);
      const { signals } = database.stores;
      await signals.insertNew(
        [
          metric('p', 1_000, 1),
          metric('p', 14_000, 3), // same 15 s bucket as the one before
          metric('p', 40_000, 10),
          metric('p', 44_000, 20),
        ].map(normalizeSignal),
        new Date(),
      );
      const points = await signals.listMetricSeries(['component:default/a'], {
        from: new Date(at(5_000)),
        to: new Date(at(60_000)),
        stepMs: 20_000, // rounded up to 30 s
        limit: 10,
      });
      expect(points.map(p => [p.timestamp, p.value])).toEqual([
        [at(1_000), 2],
        [at(40_000), 15],
      ]);
    },
  );

  it.each(databases.ids)(
    'keep a series filed under two entities apart on %p',
    async id => {
      const { database } = await databases.create(id);
      const { signals } = database.stores;
      const under = (entityRef: string | undefined, value: number) => ({
        ...metric('p', 1_000 + value, value),
        entityRef,
      });
      const inputs = [
        under('component:default/a', 1),
        under('component:default/b', 5),
        under(undefined, 9),
      ].map(normalizeSignal);
      expect(new Set(inputs.map(s => s.fingerprint)).size).toBe(1);
      await signals.insertNew(inputs, new Date());
      const read = (entityRef: string) =>
        signals.listMetricSeries([entityRef], {
          from: new Date(at(0)),
          to: new Date(at(60_000)),
          stepMs: 15_000,
          limit: 10,
        });
      expect((await read('component:default/a')).map(p => p.value)).toEqual([
        1,
      ]);
      expect(await read('component:default/b')).toEqual([
        expect.objectContaining({ entityRef: 'component:default/b', value: 5 }),
      ]);
    },
  );

  it.each(databases.ids)(
    'are back-filled from the datapoints stored before them on %p',
    async id => {
      const { knex } = await databases.create(id);
      const directory = path.resolve(__dirname, '../../migrations');
      // Down to before the migration that made the rollups: it and the
      // ones after it, one step each.
      const steps = fs
        .readdirSync(directory)
        .filter(name => name >= ROLLUPS_MIGRATION).length;
      for (let step = 0; await knex.schema.hasTable('signal_rollups'); step++) {
        expect(step).toBeLessThan(steps);
        await knex.migrate.down({ directory });
      }
      const stored = [metric('p', 0, 4), metric('p', 5_000, 6)].map(
        normalizeSignal,
      );
      await knex('signals').insert(stored.map(signalRow));
      await knex.migrate.latest({ directory });
      const signals = new DatabaseSignalStore(knex);
      await signals.insertNew(
        [metric('p', 10_000, 8)].map(normalizeSignal),
        new Date(),
      );
      const points = await signals.listMetricSeries(['component:default/a'], {
        from: new Date(at(0)),
        to: new Date(at(60_000)),
        stepMs: 15_000,
        limit: 10,
      });
      expect(points.map(p => [p.timestamp, p.value])).toEqual([[at(0), 6]]);
    },
  );
});
