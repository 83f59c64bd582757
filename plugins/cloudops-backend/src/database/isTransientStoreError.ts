/** PostgreSQL error classes that say the server or connection failed, not the data. */
const PG_TRANSIENT_CLASSES = ['08', '53', '57'];
/** PostgreSQL: serialization failure, deadlock. */
const PG_TRANSIENT_CODES = ['40001', '40P01'];
/** SQLite: the file is busy, locked, unreadable or full. */
const SQLITE_TRANSIENT = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
];
/** The network between the backend and the database. */
const NETWORK = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
];

/**
 * Whether a database error says the store is unavailable for now (a lost
 * connection, a full pool, a lock, a full disk), so the same work may
 * succeed later; otherwise the work itself is at fault (a value its column
 * refuses, a constraint) and would fail again.
 */
export function isTransientStoreError(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (name === 'KnexTimeoutError') return true;
  if (typeof code !== 'string') return false;
  return (
    PG_TRANSIENT_CODES.includes(code) ||
    (code.length === 5 && PG_TRANSIENT_CLASSES.includes(code.slice(0, 2))) ||
    SQLITE_TRANSIENT.some(c => code.startsWith(c)) ||
    NETWORK.includes(code)
  );
}
