import knexFactory, { Knex } from 'knex';
import { readerConfig } from './readerConfig';

function knexOf(config: Knex.Config): Knex {
  return knexFactory({ ...config, pool: { min: 0, max: 1 } });
}

describe('readerConfig', () => {
  it('opens a SQLite file again, read-only', () => {
    expect(
      readerConfig(
        knexOf({
          client: 'better-sqlite3',
          connection: { filename: '/var/lib/backstage/cloudops.sqlite' },
          useNullAsDefault: true,
        }),
      ),
    ).toEqual({
      client: 'better-sqlite3',
      connection: {
        filename: '/var/lib/backstage/cloudops.sqlite',
        options: { readonly: true },
      },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    });
  });

  it.each([':memory:', 'file::memory:?cache=shared', 'file:x?mode=memory', ''])(
    'cannot share SQLite in memory (%p)',
    filename => {
      expect(
        readerConfig(
          knexOf({
            client: 'better-sqlite3',
            connection: { filename },
            useNullAsDefault: true,
          }),
        ),
      ).toBeUndefined();
    },
  );

  it('copies PostgreSQL settings with a pool of its own', () => {
    const connection = {
      host: 'db.internal',
      port: 5432,
      user: 'backstage',
      password: 'secret',
      database: 'backstage_plugin_cloudops',
    };
    const config = readerConfig(
      knexOf({ client: 'pg', connection, searchPath: ['cloudops'] }),
    );
    expect(config).toEqual({
      client: 'pg',
      connection,
      searchPath: ['cloudops'],
      pool: { min: 0, max: 2 },
    });
    expect(config!.connection).not.toBe(connection);
  });

  it('leaves other drivers alone', () => {
    // Their drivers are not installed: only the settings are looked at.
    const settings = (config: Knex.Config) =>
      ({ client: { config } } as unknown as Knex);
    expect(
      readerConfig(
        settings({
          client: 'sqlite3',
          connection: { filename: '/var/lib/backstage/cloudops.sqlite' },
        }),
      ),
    ).toBeUndefined();
    expect(
      readerConfig(
        settings({ client: 'mysql2', connection: { host: 'db.internal' } }),
      ),
    ).toBeUndefined();
  });

  it('gives up on settings that are not plain data', () => {
    expect(
      readerConfig(
        knexOf({
          client: 'pg',
          connection: async () => ({ host: 'db.internal', database: 'x' }),
        }),
      ),
    ).toBeUndefined();
    expect(
      readerConfig(
        knexOf({
          client: 'pg',
          connection: {
            host: 'db.internal',
            ssl: { checkServerIdentity: () => undefined },
          },
        }),
      ),
    ).toBeUndefined();
  });
});
