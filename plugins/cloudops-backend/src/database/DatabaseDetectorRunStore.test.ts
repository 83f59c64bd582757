import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const at = (minute: number) =>
  new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString();

describe('DatabaseDetectorRunStore', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'records runs and keeps each shard health on %p',
    async id => {
      const { database } = await databases.create(id);
      const runs = database.stores.detectorRuns;
      const run = (
        shard: string,
        minute: number,
        outcome: 'succeeded' | 'failed',
        error?: string,
      ) =>
        runs.record({
          detector: 'aws-cloudwatch-metrics',
          shard,
          startedAt: at(minute),
          durationMs: 1500,
          items: outcome === 'succeeded' ? 10 : 0,
          outcome,
          error,
        });

      await run('111111111111', 0, 'succeeded');
      await run('222222222222', 0, 'failed', 'AccessDenied: not authorized');
      await run('111111111111', 5, 'failed', 'Throttling');
      const last = await run('111111111111', 10, 'failed', 'Throttling');
      await run('222222222222', 5, 'succeeded');

      const health = await runs.health();
      expect(health.map(h => h.shard)).toEqual([
        '111111111111',
        '222222222222',
      ]);
      expect(health[0]).toEqual({
        detector: 'aws-cloudwatch-metrics',
        shard: '111111111111',
        lastRun: last,
        lastSuccessAt: '2026-11-22T10:00:01.500Z',
        consecutiveFailures: 2,
      });
      expect(health[1]).toMatchObject({
        lastRun: { outcome: 'succeeded', items: 10 },
        lastSuccessAt: '2026-11-22T10:05:01.500Z',
        consecutiveFailures: 0,
      });
      expect(await runs.health({ detector: 'other' })).toEqual([]);

      const page = await runs.list({ shard: '111111111111', limit: 2 });
      expect(page.map(r => r.startedAt)).toEqual([at(10), at(5)]);
      const next = await runs.list({
        shard: '111111111111',
        limit: 2,
        beforeId: page[1].id,
      });
      expect(next.map(r => r.startedAt)).toEqual([at(0)]);
    },
  );

  it.each(databases.ids)(
    'prunes old runs but never a shard latest on %p',
    async id => {
      const { database } = await databases.create(id);
      const runs = database.stores.detectorRuns;
      for (const minute of [0, 1, 2]) {
        await runs.record({
          detector: 'k8s-waste',
          shard: 'prod',
          startedAt: at(minute),
          durationMs: 10,
          items: 1,
          outcome: 'succeeded',
        });
      }
      await runs.record({
        detector: 'k8s-waste',
        shard: 'dev',
        startedAt: at(0),
        durationMs: 10,
        items: 1,
        outcome: 'succeeded',
      });

      expect(await runs.prune(new Date(at(30)))).toBe(2);
      const left = await runs.list({ limit: 10 });
      expect(left.map(r => [r.shard, r.startedAt])).toEqual([
        ['dev', at(0)],
        ['prod', at(2)],
      ]);
      expect(await runs.health()).toHaveLength(2);
    },
  );
});
