import { Knex } from 'knex';

/** What the worker thread is started with. */
export interface RcaWorkerData {
  /** Its own connection to the plugin's database (`readerConfig`). */
  database: Knex.Config;
  /** A PostgreSQL role to `SET ROLE` to on each new connection. */
  role?: string;
}

/** The worker's knex settings: `database`, taking `role` on each connection. */
export function workerKnexConfig(data: RcaWorkerData): Knex.Config {
  const { database, role } = data;
  if (!role) return database;
  const quoted = `"${role.replace(/"/g, '""')}"`;
  return {
    ...database,
    pool: {
      ...database.pool,
      afterCreate: (
        connection: { query(sql: string, done: (error?: Error) => void): void },
        done: (error: Error | undefined, connection: unknown) => void,
      ) =>
        connection.query(`SET ROLE ${quoted}`, error =>
          done(error, connection),
        ),
    },
  };
}
