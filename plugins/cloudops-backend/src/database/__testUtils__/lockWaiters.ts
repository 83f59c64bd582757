import { setImmediate } from 'node:timers/promises';
import { Knex } from 'knex';
import { eventually } from '../../__testUtils__/fakeHttpServer';

/**
 * Resolves once `count` sessions of the test's PostgreSQL database wait for
 * a lock, so a test can hold transactions at a point and then let them go
 * in a known order. On SQLite, where a transaction waits for the one
 * connection instead, once pending work has had a turn.
 */
export async function lockWaiters(knex: Knex, count: number): Promise<void> {
  if (!String(knex.client.config.client).includes('pg')) {
    await setImmediate();
    return;
  }
  await eventually(async () => {
    const [{ waiting }] = await knex('pg_stat_activity')
      .where({ wait_event_type: 'Lock' })
      .where('datname', knex.raw('current_database()'))
      .count({ waiting: '*' });
    return Number(waiting) >= count;
  });
}
