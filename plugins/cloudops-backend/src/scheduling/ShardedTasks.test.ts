import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { ShardedTasks } from './ShardedTasks';

jest.setTimeout(30_000);

describe('ShardedTasks', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setUp() {
    const knex = await databases.init('SQLITE_3');
    const database = await CloudopsDatabase.create({
      database: mockServices.database({ knex }),
    });
    const scheduler = mockServices.scheduler();
    const tasks = new ShardedTasks({
      scheduler,
      logger: mockServices.logger.mock(),
      database,
    });
    return { database, scheduler, tasks };
  }

  const schedule = { frequency: { minutes: 5 }, timeout: { minutes: 1 } };

  it('runs one global task per shard, and one shard failing spares the others', async () => {
    const { database, scheduler, tasks } = await setUp();
    const ran: string[] = [];
    await tasks.schedule({
      id: 'cloudwatch',
      schedule,
      shards: async () => ['111111111111', '222222222222'],
      run: async ({ shard }) => {
        ran.push(shard!);
        if (shard === '222222222222') {
          throw new Error('AccessDenied: sts:AssumeRole');
        }
        return 42;
      },
    });

    await scheduler.triggerTask('cloudops:cloudwatch:shards');
    const ids = (await scheduler.getScheduledTasks()).map(t => t.id);
    expect(ids).toEqual([
      'cloudops:cloudwatch:shards',
      'cloudops:cloudwatch:111111111111',
      'cloudops:cloudwatch:222222222222',
    ]);
    const scopes = (await scheduler.getScheduledTasks()).map(t => t.scope);
    expect(scopes).toEqual(['local', 'global', 'global']);

    await scheduler.triggerTask('cloudops:cloudwatch:111111111111');
    await scheduler.triggerTask('cloudops:cloudwatch:222222222222');
    expect(ran).toEqual(['111111111111', '222222222222']);

    const health = await database.stores.detectorRuns.health();
    expect(
      health.map(h => [h.shard, h.lastRun.outcome, h.lastRun.items]),
    ).toEqual([
      ['*', 'succeeded', 2],
      ['111111111111', 'succeeded', 42],
      ['222222222222', 'failed', 0],
    ]);
    expect(health[2].lastRun.error).toBe('AccessDenied: sts:AssumeRole');
    expect(health[2].consecutiveFailures).toBe(1);
  });

  it('follows shards as they come and go, and records a failed listing', async () => {
    const { database, scheduler, tasks } = await setUp();
    let shards: string[] | Error = ['dev'];
    const ran: string[] = [];
    await tasks.schedule({
      id: 'prometheus',
      schedule,
      shards: async () => {
        if (shards instanceof Error) throw shards;
        return shards;
      },
      run: async ({ shard }) => {
        ran.push(shard!);
        return 1;
      },
    });

    await scheduler.triggerTask('cloudops:prometheus:shards');
    shards = ['prod'];
    await scheduler.triggerTask('cloudops:prometheus:shards');
    await scheduler.triggerTask('cloudops:prometheus:dev');
    await scheduler.triggerTask('cloudops:prometheus:prod');
    expect(ran).toEqual(['prod']);

    shards = new Error('Organizations ListAccounts: AccessDeniedException');
    await scheduler.triggerTask('cloudops:prometheus:shards');
    await scheduler.triggerTask('cloudops:prometheus:prod');
    expect(ran).toEqual(['prod', 'prod']);

    const [discovery] = await database.stores.detectorRuns.health();
    expect(discovery).toMatchObject({
      shard: '*',
      consecutiveFailures: 1,
      lastRun: {
        outcome: 'failed',
        error: 'Organizations ListAccounts: AccessDeniedException',
      },
    });
  });

  it('runs unsharded work as one task recorded on the default shard', async () => {
    const { database, scheduler, tasks } = await setUp();
    await tasks.schedule({ id: 'sns-health', schedule, run: async () => 3 });
    await scheduler.triggerTask('cloudops:sns-health');
    const health = await database.stores.detectorRuns.health();
    expect(health).toMatchObject([
      { detector: 'sns-health', shard: 'default', lastRun: { items: 3 } },
    ]);
  });
});
