import { mockServices } from '@backstage/backend-test-utils';
import { cloudopsTestDatabases } from '../../__testUtils__/testDatabases';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { changedMeanwhile } from '../__testUtils__/changedMeanwhile';
import { idleFinding } from '../__testUtils__/findings';
import {
  mergeOpportunity,
  moveNow,
  testPipeline,
  testValidation,
} from '../__testUtils__/ledger';
import { observeFrom, SavingsValidation } from './SavingsValidation';

jest.setTimeout(60_000);

const T0 = new Date('2026-11-02T06:00:00Z');
const later = (days: number) => new Date(T0.getTime() + days * 86_400_000);

/** A detected idle instance saving 73 a month (0.1 an hour); its id. */
async function idleInstance(database: CloudopsDatabase): Promise<string> {
  await (
    await testPipeline(database)
  ).record('aws-ec2', 'acct', [idleFinding('i-1', 73)], T0);
  const [stored] = await database.stores.opportunities.listForShard(
    'aws-ec2',
    'acct',
    ['detected'],
  );
  return stored.id;
}

/** Measures days `from` to `to` of the change in place, costing nothing, on day `to`. */
const measure = (
  validation: SavingsValidation,
  opportunityId: string,
  from: number,
  to: number,
) =>
  validation.apply(
    'aws-ec2',
    'acct',
    [
      {
        opportunityId,
        windowStart: later(from),
        windowEnd: later(to),
        applied: true,
        actualCost: 0,
        costSource: 'usage-x-price',
      },
    ],
    later(to),
  );

describe('SavingsValidation', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'measures a change merged again from its new merge only, on %p',
    async id => {
      const { database } = await databases.create(id);
      const opportunityId = await idleInstance(database);
      const store = database.stores.opportunities;
      const validation = testValidation(database, 30);
      await mergeOpportunity(database, opportunityId, later(1));
      expect(await measure(validation, opportunityId, 1, 3)).toBe(1);
      // Rejected, detected again and merged again a week later.
      for (const to of ['rejected', 'detected'] as const) {
        await database.transaction(
          moveNow(opportunityId, {
            to,
            actor: 'user:default/ana',
            at: later(4),
          }),
        );
      }
      await mergeOpportunity(database, opportunityId, later(10));
      expect(observeFrom((await store.get(opportunityId))!)).toEqual(later(10));

      // A window from the end of the first merge's is not this merge's.
      expect(await measure(validation, opportunityId, 3, 12)).toBe(0);
      expect(await measure(validation, opportunityId, 10, 12)).toBe(1);
      // Two days of 0.1 an hour for each merge.
      expect((await store.get(opportunityId))?.realizedToDate).toBeCloseTo(
        2 * 4.8,
        6,
      );
    },
  );

  it.each(databases.ids)(
    'skips an observation of an opportunity rejected while it was measured, on %p',
    async id => {
      const { database } = await databases.create(id);
      const opportunityId = await idleInstance(database);
      await mergeOpportunity(database, opportunityId, later(1));
      const raced = changedMeanwhile(
        database,
        'get',
        moveNow(opportunityId, {
          to: 'rejected',
          actor: 'user:default/ana',
          at: later(2),
        }),
      );
      const logger = mockServices.logger.mock();
      expect(
        await measure(testValidation(raced, 30, logger), opportunityId, 1, 3),
      ).toBe(0);
      const store = database.stores.opportunities;
      expect(await store.get(opportunityId)).toMatchObject({
        state: 'rejected',
        realizedToDate: 0,
      });
      expect(await store.observations(opportunityId)).toEqual([]);
      expect(
        (await store.ledger(opportunityId)).map(l => l.to).slice(-2),
      ).toEqual(['merged', 'rejected']);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining(
          `opportunity ${opportunityId} from aws-ec2/acct: another change moved it from merged`,
        ),
      );
    },
  );
});
