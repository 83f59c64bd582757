import { Knex } from 'knex';

/**
 * Deletes the oldest rows of `table` whose time (the first `key` column) is
 * before `before`, at most `limit` of them in one statement: those up to the
 * `limit`-th oldest by the whole key, a unique key whose index leads with the
 * time, so the slice is exact even when many rows share a time (every series
 * of one rollup bucket, every series of a range query's step). `prunable`
 * narrows which rows may go. A slice at a time keeps each statement short (on
 * SQLite one holds the thread). Returns how many rows went: fewer than
 * `limit` means none is left to go.
 */
export async function pruneOldest(
  db: Knex | Knex.Transaction,
  slice: {
    table: string;
    key: [string, ...string[]];
    before: Date | number;
    limit: number;
    prunable?: (query: Knex.QueryBuilder) => void;
  },
): Promise<number> {
  const { table, before, limit } = slice;
  const key = slice.key.map(column => `${table}.${column}`);
  const candidates = () =>
    db(table)
      .where(key[0], '<', before)
      .modify(query => slice.prunable?.(query));
  const [last] = await candidates()
    .select(key)
    .orderBy(key.map(column => ({ column, order: 'asc' as const })))
    .offset(limit - 1)
    .limit(1);
  const query = candidates();
  if (last) {
    const list = (item: string) => key.map(() => item).join(', ');
    query.whereRaw(`(${list('??')}) <= (${list('?')})`, [
      ...key,
      ...slice.key.map(column => last[column]),
    ]);
  }
  return query.delete();
}
