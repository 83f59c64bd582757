import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { migrationsDir } from '../database/CloudopsDatabase';
import { checkDatabase, describeDatabase } from './databaseCheck';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe('checkDatabase', () => {
  it.each(databases.eachSupportedId())(
    'follows the migrations from an empty database to current, %p',
    async id => {
      const knex = await databases.init(id);
      const rows = async (skipMigrations = false) =>
        Object.fromEntries(
          (await checkDatabase(knex, { skipMigrations })).map(r => [
            r.target === 'migrations' || r.target === 'connection encryption'
              ? r.target
              : 'connection',
            r,
          ]),
        );

      let state = await rows();
      expect(state.connection.status).not.toBe('fail');
      expect(state.migrations.detail).toMatch(/^empty/);
      // PostgreSQL only: whether this session is encrypted (pg_stat_ssl).
      expect(state['connection encryption']?.detail).toBe(
        id.startsWith('POSTGRES')
          ? 'not encrypted (a local connection)'
          : undefined,
      );
      // Nothing there and nobody to create it: a failure.
      expect((await rows(true)).migrations.status).toBe('fail');

      await knex.migrate.latest({ directory: migrationsDir });
      state = await rows(true);
      expect(state.migrations).toMatchObject({ status: 'pass' });
      expect(state.migrations.detail).toMatch(/^up to date/);

      // One migration not yet applied, and the backend will not apply it.
      const [last] = await knex('knex_migrations')
        .orderBy('id', 'desc')
        .limit(1);
      await knex('knex_migrations').where({ id: last.id }).delete();
      expect((await rows(false)).migrations.status).toBe('pass');
      expect((await rows(true)).migrations).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining(`1 migrations pending (${last.name})`),
      });

      // A newer CloudOps ran here.
      await knex('knex_migrations').insert({
        name: '29990101000000_future.js',
        batch: 99,
        migration_time: new Date(),
      });
      expect((await rows()).migrations).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining('29990101000000_future.js'),
      });
      await knex('knex_migrations')
        .where({ name: '29990101000000_future.js' })
        .delete();

      // A backend died while migrating.
      await knex('knex_migrations_lock').update({ is_locked: 1 });
      expect((await rows()).migrations.status).toBe('warn');
    },
  );

  it('fails a database it cannot reach, without its password', async () => {
    const knex = knexFactory({
      client: 'pg',
      connection: 'postgresql://cloudops:s3cret@127.0.0.1:1/cloudops',
    });
    try {
      expect(describeDatabase(knex)).toBe('PostgreSQL cloudops on 127.0.0.1:1');
      const rows = await checkDatabase(knex, { skipMigrations: false });
      expect(rows).toEqual([
        expect.objectContaining({
          status: 'fail',
          detail: expect.stringMatching(/^cannot connect: .*ECONNREFUSED/),
        }),
      ]);
      expect(JSON.stringify(rows)).not.toContain('s3cret');
    } finally {
      await knex.destroy();
    }
  });
});
