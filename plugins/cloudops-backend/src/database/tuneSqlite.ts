import { Knex } from 'knex';

/**
 * SQLite settings for a write-heavy store: write-ahead logging (readers do not
 * block the writer) and `synchronous = NORMAL`, which in WAL mode keeps every
 * committed transaction through a crash of the process and needs one fsync
 * per checkpoint instead of several per commit. No-op on PostgreSQL and for
 * in-memory databases.
 */
export async function tuneSqlite(db: Knex): Promise<void> {
  if (!String(db.client.config.client).includes('sqlite')) {
    return;
  }
  await db.raw('PRAGMA journal_mode = WAL');
  await db.raw('PRAGMA synchronous = NORMAL');
  db.client.pool.on(
    'createSuccess',
    (_id: unknown, connection: { pragma?: (statement: string) => unknown }) =>
      connection.pragma?.('synchronous = NORMAL'),
  );
}
