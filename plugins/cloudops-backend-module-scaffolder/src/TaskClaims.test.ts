import { TestDatabases } from '@backstage/backend-test-utils';
import path from 'node:path';
import { TaskClaims } from './TaskClaims';

jest.setTimeout(60_000);

/**
 * SQLite always; PostgreSQL when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points at a server.
 */
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('TaskClaims on %s', id => {
  const TEMPLATE = 'template:default/cloudops-silence-and-investigate';

  async function claims() {
    const knex = await databases.init(id);
    return { knex, claims: await TaskClaims.create(knex) };
  }

  it('claims a new key once, then returns the task recorded for it', async () => {
    const { claims: store } = await claims();
    expect(await store.claim('step-1', TEMPLATE)).toEqual({ state: 'new' });
    expect(await store.claim('step-1', TEMPLATE)).toEqual({
      state: 'unknown',
      claimedAt: expect.any(Date),
    });
    await store.started('step-1', 'task-1');
    expect(await store.claim('step-1', TEMPLATE)).toEqual({
      state: 'started',
      taskId: 'task-1',
    });
    expect(await store.claim('step-2', TEMPLATE)).toEqual({ state: 'new' });
  });

  it('gives a key to exactly one of attempts that claim it at once', async () => {
    const { claims: store } = await claims();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.claim('step-race', TEMPLATE)),
    );
    expect(results.filter(r => r.state === 'new')).toHaveLength(1);
    expect(results.filter(r => r.state === 'unknown')).toHaveLength(4);
  });

  it('releases a claim without a task, never one with a task', async () => {
    const { claims: store } = await claims();
    await store.claim('refused', TEMPLATE);
    await store.release('refused');
    expect(await store.claim('refused', TEMPLATE)).toEqual({ state: 'new' });

    await store.claim('running', TEMPLATE);
    await store.started('running', 'task-2');
    await store.release('running');
    expect(await store.claim('running', TEMPLATE)).toEqual({
      state: 'started',
      taskId: 'task-2',
    });
  });

  it('migrates down and up with its own migrations table', async () => {
    const { knex } = await claims();
    const migrations = {
      directory: path.resolve(__dirname, '../migrations'),
      tableName: 'cloudops_scaffolder_knex_migrations',
    };
    await knex.migrate.rollback(migrations, true);
    expect(await knex.schema.hasTable('cloudops_scaffolder_tasks')).toBe(false);
    await knex.migrate.latest(migrations);
    expect(await knex.schema.hasTable('cloudops_scaffolder_tasks')).toBe(true);
    expect(await knex.schema.hasTable('knex_migrations')).toBe(false);
  });
});
