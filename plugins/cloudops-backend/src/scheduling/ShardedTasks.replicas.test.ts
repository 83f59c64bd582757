import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { cloudopsSignalSourcesExtensionPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { Knex } from 'knex';
import { cloudopsPlugin } from '../plugin';

/**
 * Two backend replicas on one real PostgreSQL, with Backstage's real
 * scheduler: every shard runs once per period (never twice at once, never
 * once per replica), and when one replica stops the other takes its shards.
 */

const PERIOD_MS = 2000;
const SHARDS = ['111111111111', '222222222222', '333333333333'];
const hasPostgres = Boolean(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
);
if (!hasPostgres) {
  // eslint-disable-next-line no-console
  console.warn(
    'ShardedTasks replica test skipped: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh starts a PostgreSQL)',
  );
}

jest.setTimeout(90_000);

interface Run {
  replica: string;
  shard: string;
  start: number;
  end: number;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function replica(name: string, knex: Knex, runs: Run[]) {
  return startTestBackend({
    features: [
      cloudopsPlugin,
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: { cloudops: { rules: { watch: false } } },
      }),
      createBackendModule({
        pluginId: 'cloudops',
        moduleId: `test-source-${name}`,
        register(env) {
          env.registerInit({
            deps: { sources: cloudopsSignalSourcesExtensionPoint },
            async init({ sources }) {
              sources.addSource({
                type: 'pull',
                id: 'sharded-test',
                schedule: {
                  frequency: { milliseconds: PERIOD_MS },
                  timeout: { seconds: 30 },
                },
                shards: async () => SHARDS,
                read: async ({ shard, signal }) => {
                  const start = Date.now();
                  await sleep(300);
                  runs.push({
                    replica: name,
                    shard: shard!,
                    start,
                    end: Date.now(),
                  });
                  signal.throwIfAborted();
                  return [];
                },
              });
            },
          });
        },
      }),
    ],
  });
}

(hasPostgres ? describe : describe.skip)('ShardedTasks on two replicas', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('runs each shard once per period across replicas, and fails over', async () => {
    const knex = await databases.init('POSTGRES_15');
    const runs: Run[] = [];
    const a = await replica('a', knex, runs);
    const b = await replica('b', knex, runs);

    await sleep(5 * PERIOD_MS);
    const stoppedAt = Date.now();
    await a.stop();
    await sleep(4 * PERIOD_MS);
    await b.stop();

    for (const shard of SHARDS) {
      const own = runs
        .filter(r => r.shard === shard)
        .sort((x, y) => x.start - y.start);
      // Never twice at once.
      for (let i = 1; i < own.length; i++) {
        expect(own[i].start).toBeGreaterThanOrEqual(own[i - 1].end);
      }
      // Once per period in all, not once per replica: a late run can be
      // followed closely by the next one, but never more runs than periods.
      const before = own.filter(r => r.start < stoppedAt);
      expect(before.length).toBeGreaterThanOrEqual(2);
      expect(before.length).toBeLessThanOrEqual(
        Math.floor((stoppedAt - before[0].start) / PERIOD_MS) + 1,
      );
      // After replica a stopped, b runs every shard.
      const after = own.filter(r => r.start > stoppedAt + 100);
      expect(after.length).toBeGreaterThanOrEqual(1);
      expect(after.every(r => r.replica === 'b')).toBe(true);
    }

    const health = await knex('detector_health')
      .where({ detector: 'sharded-test' })
      .orderBy('shard');
    expect(health.map(h => h.shard)).toEqual(['*', ...SHARDS]);
    const recorded = await knex('detector_runs')
      .where({ detector: 'sharded-test' })
      .whereNot({ shard: '*' })
      .count({ n: '*' });
    expect(Number(recorded[0].n)).toBe(runs.length);
  });
});
