import { Knex } from 'knex';

/**
 * How another thread can open its own connection to read the database `db`
 * is connected to: a SQLite file through better-sqlite3 (read-only; WAL lets
 * it read while this thread writes), or PostgreSQL with the same connection
 * settings and a pool of its own. Undefined where that is not possible:
 * SQLite in memory (a database only its own connection sees), other drivers,
 * and connection settings that are not plain data (a function that makes
 * them, a stream factory).
 */
export function readerConfig(db: Knex): Knex.Config | undefined {
  const { client, connection, searchPath } = db.client.config as Knex.Config;
  if (typeof connection === 'function') return undefined;
  if (client === 'better-sqlite3') {
    const filename = (connection as { filename?: unknown } | undefined)
      ?.filename;
    if (
      typeof filename !== 'string' ||
      filename === '' ||
      filename.includes(':memory:') ||
      filename.includes('mode=memory')
    ) {
      return undefined;
    }
    return {
      client,
      connection: { filename, options: { readonly: true } },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
    };
  }
  if (client !== 'pg') return undefined;
  try {
    const copy = structuredClone(connection);
    // Knex hides the password (not enumerable), so cloning leaves it out.
    const { password } = (connection ?? {}) as { password?: unknown };
    if (password !== undefined && typeof copy === 'object') {
      (copy as { password?: unknown }).password = password;
    }
    return {
      client,
      connection: copy,
      ...(searchPath !== undefined && { searchPath }),
      pool: { min: 0, max: 2 },
    };
  } catch {
    return undefined;
  }
}
