import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { changedMeanwhile } from './__testUtils__/changedMeanwhile';
import { recordOrphanVolume } from './__testUtils__/orphanVolume';
import { followRemediation } from './remediationLedger';
import { moveOpportunity } from './SavingsLedger';

jest.setTimeout(60_000);

describe('followRemediation', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'leaves out its moves when a person rejected the opportunity while it ran, on %p',
    async id => {
      const { database } = await databases.create(id);
      const opportunity = await recordOrphanVolume(database);
      const raced = changedMeanwhile(database, 'get', async stores =>
        moveOpportunity(stores, opportunity, {
          to: 'rejected',
          actor: 'user:default/bo',
          at: new Date(),
        }),
      );
      await raced.transaction(stores =>
        followRemediation(
          stores,
          {
            id: 'remediation-1',
            opportunityId: opportunity.id,
            executor: 'aws-ssm-automation',
            ref: 'CloudOps-SnapshotAndDeleteVolume',
          },
          'succeeded',
          { actor: 'service:ssm', note: 'Volume deleted', at: new Date() },
        ),
      );
      const store = database.stores.opportunities;
      expect((await store.get(opportunity.id))?.state).toBe('rejected');
      expect(
        (await store.ledger(opportunity.id)).map(
          l => `${l.from ?? ''}>${l.to}`,
        ),
      ).toEqual(['>detected', 'detected>rejected']);
    },
  );
});
