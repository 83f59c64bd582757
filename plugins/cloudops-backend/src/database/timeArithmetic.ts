import { Knex } from 'knex';

/**
 * SQL for time arithmetic on timestamp columns. PostgreSQL stores
 * `timestamptz`; SQLite (through knex) stores epoch milliseconds.
 */
export function timeArithmetic(db: Knex | Knex.Transaction) {
  const isPostgres = String(db.client.config.client).includes('pg');
  return {
    /** Seconds from column `a` to column `b`; null when either is null. */
    secondsBetween(a: string, b: string): string {
      return isPostgres
        ? `extract(epoch from (${b} - ${a}))`
        : `((${b} - ${a}) / 1000.0)`;
    },
    /** The index of the `bucketSeconds`-wide bucket the column falls in. */
    bucket(column: string, bucketSeconds: number): string {
      const size = Math.max(1, Math.floor(bucketSeconds));
      return isPostgres
        ? `floor(extract(epoch from ${column}) / ${size})`
        : `cast(${column} / 1000 / ${size} as integer)`;
    },
  };
}
