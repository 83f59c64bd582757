import { Knex } from 'knex';
import { PruneCursor, PruneSlice } from './SignalStore';

/**
 * Deletes the oldest rows of `table` whose time (the first `key` column) is
 * before `before`, after `after` (the previous slice's cursor), at most
 * `limit` of them in one statement: those up to the `limit`-th oldest by the
 * whole key, a unique key whose index leads with the time, so the slice is
 * exact even when many rows share a time (every series of one rollup
 * bucket, every series of a range query's step). `prunable` narrows which
 * rows may go; rows it keeps are passed over once per run, not once per
 * slice, because each slice starts where the last ended. A slice at a time
 * keeps each statement short (on SQLite one holds the thread).
 */
export async function pruneOldest(
  db: Knex | Knex.Transaction,
  slice: {
    table: string;
    key: [string, ...string[]];
    before: Date | number;
    limit: number;
    after?: PruneCursor;
    prunable?: (query: Knex.QueryBuilder) => void;
  },
): Promise<PruneSlice> {
  const { table, before, limit, after } = slice;
  const key = slice.key.map(column => `${table}.${column}`);
  const list = (item: string) => key.map(() => item).join(', ');
  const candidates = () =>
    db(table)
      .modify(query => slice.prunable?.(query))
      .modify(query => {
        if (!after) return;
        // The time bound starts the index range; the row value orders ties.
        query
          .where(key[0], '>=', after.key[0] as Knex.Value)
          .whereRaw(`(${list('??')}) > (${list('?')})`, [
            ...key,
            ...(after.key as Knex.Value[]),
          ]);
      });
  const [last] = await candidates()
    .where(key[0], '<', before)
    .select(key)
    .orderBy(key.map(column => ({ column, order: 'asc' as const })))
    .offset(limit - 1)
    .limit(1);
  if (!last) {
    return { pruned: await candidates().where(key[0], '<', before).delete() };
  }
  const through = slice.key.map(column => last[column]);
  // Bounded by the last row's time as well, so the index range ends there
  // (SQLite does not bound it by the row value).
  const pruned = await candidates()
    .where(key[0], '<=', through[0])
    .whereRaw(`(${list('??')}) <= (${list('?')})`, [...key, ...through])
    .delete();
  return { pruned, next: { key: through } };
}
