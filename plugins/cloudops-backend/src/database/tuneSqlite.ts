import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { Knex } from 'knex';
import { runsInProcess } from './runsInProcess';
import { checkpointInWorker } from './sqliteCheckpoints';

/** Statements kept prepared per connection (the most recently used). */
const STATEMENT_CACHE_SIZE = 256;
/** Page cache per connection, in KiB (SQLite's default is 2 MiB). */
const CACHE_KIB = 64 * 1024;
/** Log pages between automatic checkpoints (SQLite's default is 1,000). */
const CHECKPOINT_PAGES = 16_384;

/** The parts of a better-sqlite3 connection this module uses. */
interface SqliteConnection {
  pragma(statement: string): unknown;
  prepare(sql: string): SqliteStatement;
  /** The database file (or `:memory:`). */
  name: string;
  memory: boolean;
  close(): unknown;
}

interface SqliteStatement {
  get(): unknown;
  safeIntegers(on: boolean): unknown;
}

const tuned = new WeakSet<SqliteConnection>();

/**
 * Keeps a connection's most recently used prepared statements, so a
 * statement knex builds again with the same text (every multi-row insert of
 * the same size, every lookup by key) is compiled once. better-sqlite3 runs
 * each statement to completion synchronously and knex never iterates one,
 * so a cached statement is never in use twice at once. knex sets a
 * statement's `safeIntegers` only for a query that asks, so a statement
 * taken from the cache is first set back to the connection's default.
 */
function cacheStatements(connection: SqliteConnection): void {
  const prepare = connection.prepare.bind(connection);
  const big = prepare('select 9007199254740993 as n').get() as { n: unknown };
  const safeIntegers = typeof big.n === 'bigint';
  const cache = new Map<string, SqliteStatement>();
  connection.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql);
      statement.safeIntegers(safeIntegers);
    } else {
      statement = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) {
        cache.delete(cache.keys().next().value!);
      }
    }
    cache.set(sql, statement);
    return statement;
  };
}

/** Checkpoints in the file's worker while the connection is open. */
function checkpointWhileOpen(
  connection: SqliteConnection,
  onError?: (error: unknown) => void,
): void {
  if (connection.memory) return;
  const checkpoints = checkpointInWorker(connection.name, { onError });
  if (!checkpoints) return;
  const close = connection.close.bind(connection);
  connection.close = () => {
    checkpoints.release();
    return close();
  };
}

function tune(
  connection: SqliteConnection,
  onCheckpointError?: (error: unknown) => void,
): void {
  if (tuned.has(connection)) return;
  tuned.add(connection);
  connection.pragma('synchronous = NORMAL');
  connection.pragma(`cache_size = -${CACHE_KIB}`);
  connection.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
  checkpointWhileOpen(connection, onCheckpointError);
  cacheStatements(connection);
}

/**
 * SQLite settings for a write-heavy store: write-ahead logging (readers do not
 * block the writer) and `synchronous = NORMAL`, which in WAL mode keeps every
 * committed transaction through a crash of the process and needs one fsync
 * per checkpoint instead of several per commit; checkpoints every 64 MiB of
 * log rather than every 4 MiB, so pages that every group commit rewrites
 * (the newest index pages) are copied back once per checkpoint, and a
 * worker thread checkpoints a database file long before then, so the
 * writer's commits rarely do (`checkpointInWorker`: it stops with the
 * file's last connection, and `logger` hears if it fails); a page
 * cache of 64 MiB instead of 2 MiB; and prepared statements reused. Applied
 * to the connection the pool holds now and to every one it creates later.
 * No-op on PostgreSQL.
 */
export async function tuneSqlite(
  db: Knex,
  options: { logger?: LoggerService } = {},
): Promise<void> {
  if (!runsInProcess(db)) {
    return;
  }
  const onCheckpointError = (error: unknown) =>
    options.logger?.warn(
      `SQLite checkpoint worker stopped (the writer checkpoints instead): ${stringifyError(
        error,
      )}`,
    );
  await db.raw('PRAGMA journal_mode = WAL');
  const current: SqliteConnection = await db.client.acquireConnection();
  try {
    tune(current, onCheckpointError);
  } finally {
    await db.client.releaseConnection(current);
  }
  db.client.pool.on(
    'createSuccess',
    (_id: unknown, connection: SqliteConnection) =>
      tune(connection, onCheckpointError),
  );
}
