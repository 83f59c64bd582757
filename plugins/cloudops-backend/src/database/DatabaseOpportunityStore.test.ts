import crypto from 'node:crypto';
import path from 'node:path';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { idleFinding } from '../savings/__testUtils__/findings';
import { testPipeline } from '../savings/__testUtils__/ledger';
import { recordOrphanVolume } from '../savings/__testUtils__/orphanVolume';

const MIGRATIONS = path.resolve(__dirname, '../../migrations');
const MERGE_CURSOR = '20261129000000_opportunity_merge_cursor.js';

const T0 = new Date('2026-11-02T06:00:00Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);

jest.setTimeout(60_000);

describe('DatabaseOpportunityStore', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'updates an opportunity only in the expected state, and lists by shard and last detection, on %p',
    async id => {
      const { database } = await databases.create(id);
      const { id: opportunityId } = await recordOrphanVolume(database);
      const store = database.stores.opportunities;
      expect(
        await store.update(opportunityId, { state: 'rejected' }, 'snoozed'),
      ).toBe(false);
      expect(
        await store.update(crypto.randomUUID(), { state: 'rejected' }),
      ).toBe(false);
      expect(
        await store.update(
          opportunityId,
          { state: 'merged', observedUntil: T0 },
          'detected',
        ),
      ).toBe(true);
      expect(
        await store.update(opportunityId, {
          seen: { at: later(2), shard: 'accounts-1-of-2' },
        }),
      ).toBe(true);
      const stored = await store.get(opportunityId);
      expect(stored).toMatchObject({
        state: 'merged',
        shard: 'accounts-1-of-2',
        lastDetectedAt: later(2).toISOString(),
        detectionCount: 2,
      });

      expect(await store.listShards(['merged'])).toEqual([
        { detector: 'aws-ebs', shard: 'accounts-1-of-2' },
      ]);
      expect(await store.listShards(['merged'], 'aws-ec2')).toEqual([]);
      expect(await store.listShards(['detected'])).toEqual([]);
      expect(
        (await store.listDetectedBefore('aws-ebs', ['merged'], later(3))).map(
          o => o.id,
        ),
      ).toEqual([opportunityId]);
      expect(
        await store.listDetectedBefore('aws-ebs', ['merged'], later(2)),
      ).toEqual([]);
      expect(
        await store.listDetectedBefore('aws-ebs', ['detected'], later(3)),
      ).toEqual([]);
    },
  );

  it.each(databases.ids)(
    'totals savings per currency, never across currencies, on %p',
    async id => {
      const { database } = await databases.create(id);
      const pipeline = await testPipeline(database);
      const priced = (name: string, amount: number, currency: string) => ({
        ...idleFinding(name, amount),
        currency,
      });
      await pipeline.record(
        'aws-ec2',
        '111111111111',
        [
          priced('i-usd-1', 60, 'USD'),
          priced('i-usd-2', 40, 'USD'),
          priced('i-jpy', 15000, 'JPY'),
          priced('i-eur', 70, 'EUR'),
        ],
        T0,
      );
      const store = database.stores.opportunities;
      const page = { limit: 10, offset: 0, sort: 'savings' as const };

      const all = await store.list({}, page);
      expect(all.totalCount).toBe(4);
      expect(all.totals).toEqual([
        { currency: 'EUR', monthlySavings: 70 },
        { currency: 'JPY', monthlySavings: 15000 },
        { currency: 'USD', monthlySavings: 100 },
      ]);
      const usd = await store.list({ currency: 'USD' }, page);
      expect(usd.totalCount).toBe(2);
      expect(usd.totals).toEqual([{ currency: 'USD', monthlySavings: 100 }]);
      const none = await store.list({ account: '999999999999' }, page);
      expect(none).toMatchObject({ totalCount: 0, totals: [], items: [] });
    },
  );

  it.each(databases.ids)(
    'moves the observation cursor of a merged opportunity up to its merge, on %p',
    async id => {
      const { database, knex } = await databases.create(id);
      const { id: stale } = await recordOrphanVolume(database);
      const [current, rejected] = [crypto.randomUUID(), crypto.randomUUID()];
      const [row] = await knex('opportunities').where({ id: stale });
      for (const copy of [current, rejected]) {
        await knex('opportunities').insert({
          ...row,
          id: copy,
          dedup_key: `${row.dedup_key}|${copy}`,
        });
      }
      await knex.migrate.down({ directory: MIGRATIONS, name: MERGE_CURSOR });
      const cursor = (state: string, changed: Date, until: Date) => ({
        state,
        state_changed_at: changed,
        observed_until: until,
      });
      // Merged again on day 10, its cursor still at its first merge's last window.
      await knex('opportunities')
        .where({ id: stale })
        .update(cursor('merged', later(10), later(3)));
      await knex('opportunities')
        .where({ id: current })
        .update(cursor('merged', later(10), later(12)));
      await knex('opportunities')
        .where({ id: rejected })
        .update(cursor('rejected', later(10), later(3)));
      await knex.migrate.latest({ directory: MIGRATIONS });
      const store = database.stores.opportunities;
      expect((await store.get(stale))?.observedUntil).toBe(
        later(10).toISOString(),
      );
      expect((await store.get(current))?.observedUntil).toBe(
        later(12).toISOString(),
      );
      expect((await store.get(rejected))?.observedUntil).toBe(
        later(3).toISOString(),
      );
    },
  );
});
