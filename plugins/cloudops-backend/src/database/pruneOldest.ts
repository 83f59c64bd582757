import { Knex } from 'knex';

/**
 * Deletes the oldest rows of `table` whose `column` is before `before`, in
 * one statement of about `limit` rows: those up to the time of the
 * `limit`-th oldest (so rows sharing that time go together), or all of them
 * when there are fewer. `prunable` narrows which rows may go. A slice at a
 * time keeps each statement short (on SQLite one holds the thread) and the
 * time-first index finds it. Returns how many rows went.
 */
export async function pruneOldest(
  db: Knex | Knex.Transaction,
  slice: {
    table: string;
    column: string;
    before: Date | number;
    limit: number;
    prunable?: (query: Knex.QueryBuilder) => void;
  },
): Promise<number> {
  const { table, column, before, limit } = slice;
  const candidates = () =>
    db(table)
      .where(`${table}.${column}`, '<', before)
      .modify(query => slice.prunable?.(query));
  const [last] = await candidates()
    .select(`${table}.${column} as at`)
    .orderBy(`${table}.${column}`, 'asc')
    .offset(limit - 1)
    .limit(1);
  const query = candidates();
  if (last) query.where(`${table}.${column}`, '<=', last.at);
  return query.delete();
}
