import { mockServices } from '@backstage/backend-test-utils';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { changedMeanwhile } from './__testUtils__/changedMeanwhile';
import { recordOrphanVolume } from './__testUtils__/orphanVolume';
import { moveNow } from './__testUtils__/ledger';
import { moveOpportunity } from './SavingsLedger';
import { WasteScans } from './WasteScans';

jest.setTimeout(60_000);

describe('WasteScans', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'wakes a snoozed opportunity only if nobody moved it meanwhile, on %p',
    async id => {
      const { database } = await databases.create(id);
      const opportunity = await recordOrphanVolume(database);
      const snoozeEnd = new Date(Date.now() + 60_000);
      await database.transaction(stores =>
        moveOpportunity(stores, opportunity, {
          to: 'snoozed',
          actor: 'user:default/ana',
          at: new Date(),
          snoozeUntil: snoozeEnd,
        }),
      );
      const logger = mockServices.logger.mock();
      // Waking snoozes needs only the database and a logger.
      const scans = new WasteScans({
        database: changedMeanwhile(
          database,
          'listSnoozeEnded',
          moveNow(opportunity.id, {
            to: 'rejected',
            actor: 'user:default/bo',
            at: new Date(),
          }),
        ),
        logger,
      } as unknown as ConstructorParameters<typeof WasteScans>[0]);
      expect(
        await scans.wakeSnoozed(new Date(snoozeEnd.getTime() + 1000)),
      ).toBe(0);
      const store = database.stores.opportunities;
      expect((await store.get(opportunity.id))?.state).toBe('rejected');
      expect((await store.ledger(opportunity.id)).map(l => l.to)).toEqual([
        'detected',
        'snoozed',
        'rejected',
      ]);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining(`Left opportunity ${opportunity.id} as it is`),
      );
    },
  );
});
