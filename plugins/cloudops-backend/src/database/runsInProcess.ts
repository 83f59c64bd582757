import { Knex } from 'knex';

/**
 * Whether the database runs inside this Node.js process (SQLite): its
 * queries then complete synchronously on the thread that asked, where
 * PostgreSQL's run in its own process while the thread goes on.
 */
export function runsInProcess(db: Knex | Knex.Transaction): boolean {
  return String(db.client.config.client).includes('sqlite');
}
