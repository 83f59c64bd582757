import { Knex } from 'knex';

/**
 * SQL for time arithmetic on timestamp columns. PostgreSQL stores
 * `timestamptz`; SQLite (through knex) stores epoch milliseconds.
 */
export function timeArithmetic(db: Knex | Knex.Transaction) {
  const isPostgres = String(db.client.config.client).includes('pg');
  const bucketMs = (column: string, size: number): string => {
    const ms = Math.max(1, Math.round(size));
    return isPostgres
      ? `floor(extract(epoch from ${column}) * 1000 / ${ms})`
      : `cast(${column} / ${ms} as integer)`;
  };
  return {
    /** Seconds from column `a` to column `b`; null when either is null. */
    secondsBetween(a: string, b: string): string {
      return isPostgres
        ? `extract(epoch from (${b} - ${a}))`
        : `((${b} - ${a}) / 1000.0)`;
    },
    /** The earlier of two times (columns or expressions of the same type). */
    earliest(a: string, b: string): string {
      return isPostgres ? `least(${a}, ${b})` : `min(${a}, ${b})`;
    },
    /** The index of the `size`-millisecond bucket the column falls in. */
    bucketMs,
    /** The index of the `bucketSeconds`-wide bucket the column falls in. */
    bucket(column: string, bucketSeconds: number): string {
      return bucketMs(column, Math.max(1, Math.floor(bucketSeconds)) * 1000);
    },
  };
}
