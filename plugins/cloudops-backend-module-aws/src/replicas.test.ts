import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside its plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import { Knex } from 'knex';
import {
  AwsTestEnvironment,
  EXTERNAL_ID,
  MAIN_ACCOUNT,
  ROLE_NAME,
  startAwsTestEnvironment,
} from './__testUtils__/awsTestEnvironment';
import { Identity } from './__testUtils__/fakeAws';
import { inlineRules, queueDepth } from './__testUtils__/awsRules';
import { cloudopsModuleAws } from './module';

/**
 * Two backend replicas with the AWS module on one real PostgreSQL, with
 * Backstage's real scheduler, against the AWS fake: every account shard's
 * CloudWatch metrics are read once per period (never twice at once, never
 * once per replica), and when one replica stops the other takes its
 * accounts. Each replica holds its own key, so the fake tells which replica
 * made each call (the key that assumed the session).
 */

const PERIOD_MS = 2000;
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const hasPostgres = Boolean(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
);
if (!hasPostgres) {
  // eslint-disable-next-line no-console
  console.warn(
    'AWS module replica test skipped: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh starts a PostgreSQL)',
  );
}

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function replica(knex: Knex, key: Identity) {
  return startTestBackend({
    features: [
      cloudopsPlugin,
      cloudopsModuleAws,
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          aws: {
            mainAccount: {
              accessKeyId: key.accessKeyId,
              secretAccessKey: key.secretAccessKey,
            },
            accountDefaults: { roleName: ROLE_NAME, externalId: EXTERNAL_ID },
          },
          cloudops: {
            rules: {
              watch: false,
              inline: inlineRules([queueDepth('1s')]),
            },
            aws: {
              regions: ['us-east-1'],
              accounts: ACCOUNTS.map(accountId => ({ accountId })),
              metrics: {
                schedule: {
                  frequency: { milliseconds: PERIOD_MS },
                  timeout: { seconds: 30 },
                },
                lookbackPeriods: 1,
              },
              alarms: { enabled: false },
              eventBridge: { enabled: false },
            },
          },
        },
      }),
    ],
  });
}

(hasPostgres ? describe : describe.skip)('AWS module on two replicas', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment(ACCOUNTS);
    env.fake.latencyMs = 150;
    env.fake.cloudwatch.metrics.synthetic = () => 7;
  });
  afterEach(() => env.stop());

  it('reads each account once per period across replicas, and fails over', async () => {
    const knex = await databases.init('POSTGRES_15');
    const keyA = env.main;
    const keyB = env.fake.identities.addUser(MAIN_ACCOUNT, 'backstage-b');
    const a = await replica(knex, keyA);
    const b = await replica(knex, keyB);
    const bothUp = Date.now();

    await sleep(5 * PERIOD_MS);
    const stoppedAt = Date.now();
    await a.stop();
    await sleep(4 * PERIOD_MS);
    await b.stop();

    const replicas: Record<string, string> = {
      [keyA.accessKeyId]: 'a',
      [keyB.accessKeyId]: 'b',
    };
    const replicaOf = (accessKeyId: string) =>
      replicas[env.fake.identities.find(accessKeyId)?.assumedBy ?? ''] ?? '?';
    for (const account of ACCOUNTS) {
      // The runs that completed (replica a's runs cut short by its stop are
      // recorded as failed, and the shard is run again by replica b).
      const runs = (
        await knex('detector_runs')
          .where({
            detector: 'aws-cloudwatch-metrics',
            shard: account,
            outcome: 'succeeded',
          })
          .orderBy('started_at')
      ).map(r => ({
        start: new Date(r.started_at).getTime(),
        end: new Date(r.started_at).getTime() + r.duration_ms,
      }));
      for (let i = 1; i < runs.length; i++) {
        // Never twice at once.
        expect(runs[i].start).toBeGreaterThanOrEqual(runs[i - 1].end);
      }
      // About a period apart once both replicas have registered their tasks
      // (a replica registering a task at start-up can make it due again at
      // once); on a loaded machine a run can start late, so the next one
      // looks early.
      const settled = runs.filter(r => r.start > bothUp + PERIOD_MS);
      const gaps = settled.slice(1).map((r, i) => r.start - settled[i].start);
      expect(gaps.length).toBeGreaterThanOrEqual(3);
      expect(Math.min(...gaps)).toBeGreaterThan(PERIOD_MS * 0.5);
      const before = runs.filter(r => r.start < stoppedAt);
      expect(before.length).toBeGreaterThanOrEqual(3);
      expect(before.length).toBeLessThanOrEqual(6);
      // After replica a stopped, b reads every account.
      const after = env.fake
        .callsTo('monitoring', 'GetMetricData', account)
        .filter(c => c.startedAt > stoppedAt + 200);
      expect(after.length).toBeGreaterThanOrEqual(2);
      expect(after.map(c => replicaOf(c.accessKeyId))).toEqual(
        after.map(() => 'b'),
      );
      expect(after.every(c => c.status === 200)).toBe(true);
    }
    const health = await knex('detector_health')
      .where({ detector: 'aws-cloudwatch-metrics' })
      .orderBy('shard');
    expect(health.map(h => h.shard)).toEqual(['*', ...ACCOUNTS]);
    // Every read is one recorded run (those cut short when replica a
    // stopped are recorded as failed). Replica b's runs in flight now are
    // recorded when they end, so the two are compared once they agree or
    // after 10 s.
    const recorded = async () =>
      Number(
        (
          await knex('detector_runs')
            .where({ detector: 'aws-cloudwatch-metrics' })
            .whereNot({ shard: '*' })
            .count({ n: '*' })
        )[0].n,
      );
    const reads = () => env.fake.callsTo('monitoring', 'GetMetricData').length;
    for (
      const deadline = Date.now() + 10_000;
      (await recorded()) !== reads() && Date.now() < deadline;

    ) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(await recorded()).toBe(reads());
  });
});
