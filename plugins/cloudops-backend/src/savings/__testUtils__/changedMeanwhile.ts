import {
  CloudopsDatabase,
  CloudopsStores,
} from '../../database/CloudopsDatabase';
import { OpportunityStore } from '../../database/OpportunityStore';

/**
 * The database as seen by a job that another change races: the first call
 * of the opportunity store's `method` (a read) returns what it read, after
 * `change` committed a change of its own. On PostgreSQL the change runs in
 * a transaction of its own, which commits while the job's transaction is
 * still open; SQLite runs one transaction at a time, so a change made
 * while the job's transaction is open goes through that transaction's
 * connection (the job sees the same: the row changed after its read).
 */
export function changedMeanwhile(
  database: CloudopsDatabase,
  method: keyof OpportunityStore,
  change: (stores: CloudopsStores) => Promise<unknown>,
): CloudopsDatabase {
  let changed = false;
  const hooked = (stores: CloudopsStores, inTransaction: boolean) =>
    new Proxy(stores.opportunities, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (property !== method) return value.bind(target);
        return async (...args: unknown[]) => {
          const result = await value.apply(target, args);
          if (!changed) {
            changed = true;
            await (inTransaction && database.runsInProcess
              ? change(stores)
              : database.transaction(change));
          }
          return result;
        };
      },
    });
  const raced = Object.create(database) as CloudopsDatabase;
  Object.defineProperty(raced, 'stores', {
    value: {
      ...database.stores,
      opportunities: hooked(database.stores, false),
    },
  });
  raced.transaction = work =>
    database.transaction(stores =>
      work({ ...stores, opportunities: hooked(stores, true) }),
    );
  return raced;
}
