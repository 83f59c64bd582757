import { mockServices } from '@backstage/backend-test-utils';
import { AuditedChanges } from '../audit/AuditedChanges';
import { ENGINE_ACTOR } from '../audit/engineActor';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { changedMeanwhile } from './__testUtils__/changedMeanwhile';
import { recordOrphanVolume } from './__testUtils__/orphanVolume';
import { engineMove, moveOpportunity, SavingsLedger } from './SavingsLedger';

jest.setTimeout(60_000);

const NEXT_YEAR = new Date(Date.now() + 365 * 86_400_000);

describe('SavingsLedger', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'moves an opportunity only from the state it was read in, on %p',
    async id => {
      const { database } = await databases.create(id);
      const opportunity = await recordOrphanVolume(database);
      const store = database.stores.opportunities;
      const conflict = {
        name: 'ConflictError',
        message: `Opportunity ${opportunity.id} was moved to snoozed by another change while it was being moved from detected to pr_opened; reload it and try again`,
      };
      const read = (await store.get(opportunity.id))!;
      // Bo snoozes it after Ana's request read it, before it moves it.
      await database.transaction(stores =>
        moveOpportunity(stores, read, {
          to: 'snoozed',
          actor: 'user:default/bo',
          at: new Date(),
          snoozeUntil: NEXT_YEAR,
        }),
      );
      await expect(
        database.transaction(stores =>
          moveOpportunity(stores, read, {
            to: 'pr_opened',
            actor: 'user:default/ana',
            at: new Date(),
            pullRequestUrl: 'https://git/pr/2',
          }),
        ),
      ).rejects.toMatchObject(conflict);
      // The engine, on the same read, leaves it be.
      expect(
        await database.transaction(stores =>
          engineMove(stores, read, {
            to: 'expired',
            actor: ENGINE_ACTOR,
            at: new Date(),
          }),
        ),
      ).toBeUndefined();
      expect(await store.get(opportunity.id)).toMatchObject({
        state: 'snoozed',
        snoozedUntil: NEXT_YEAR.toISOString(),
      });
      expect(
        (await store.ledger(opportunity.id)).map(
          l => `${l.from ?? ''}>${l.to}:${l.actor}`,
        ),
      ).toEqual(['>detected:cloudops', 'detected>snoozed:user:default/bo']);
    },
  );

  // SQLite runs one transaction at a time: no other commits while a
  // request's is open (the test above is its race).
  it.each(databases.ids.filter(([id]) => id !== 'SQLITE_3'))(
    'refuses a request whose transaction another one got ahead of, on %p',
    async id => {
      const { database } = await databases.create(id);
      const opportunity = await recordOrphanVolume(database);
      const raced = changedMeanwhile(database, 'get', async stores =>
        moveOpportunity(stores, opportunity, {
          to: 'snoozed',
          actor: 'user:default/bo',
          at: new Date(),
          snoozeUntil: NEXT_YEAR,
        }),
      );
      const ledger = new SavingsLedger(
        raced,
        new AuditedChanges(raced, mockServices.auditor.mock()),
        { readOnly: false },
      );
      await expect(
        ledger.transition(
          opportunity.id,
          { to: 'pr_opened', pullRequestUrl: 'https://git/pr/2' },
          { actor: 'user:default/ana' },
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('was moved to snoozed'),
      });
      const store = database.stores.opportunities;
      expect((await store.get(opportunity.id))?.state).toBe('snoozed');
      expect(
        (await store.ledger(opportunity.id)).map(
          l => `${l.from ?? ''}>${l.to}`,
        ),
      ).toEqual(['>detected', 'detected>snoozed']);
      expect(
        (
          await database.stores.audit.list({
            target: opportunity.id,
            limit: 10,
          })
        ).map(a => `${a.action}:${a.outcome}`),
      ).toEqual([
        'opportunity-transition:failed',
        'opportunity-transition:succeeded',
      ]);
    },
  );
});
