import { Opportunity } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { publicOpportunity } from '../../database/OpportunityStore';
import { idleFinding } from './findings';
import { testPipeline } from './ledger';

export const ORPHAN_ACCOUNT = '111111111111';
export const ORPHAN_VOLUME = 'vol-0123456789abcdef0';

/**
 * Records, through the detection pipeline, an orphan EBS volume of the
 * payments service (no environment: not production) in us-east-1, saving
 * 40 a month; returns its opportunity.
 */
export async function recordOrphanVolume(
  database: CloudopsDatabase,
): Promise<Opportunity> {
  const pipeline = await testPipeline(database);
  const arn = `arn:aws:ec2:us-east-1:${ORPHAN_ACCOUNT}:volume/${ORPHAN_VOLUME}`;
  await pipeline.record(
    'aws-ebs',
    ORPHAN_ACCOUNT,
    [
      idleFinding(ORPHAN_VOLUME, 40, {
        kind: 'ebs-orphan',
        resource: {
          id: arn,
          type: 'ebs:volume',
          name: ORPHAN_VOLUME,
          region: 'us-east-1',
          account: ORPHAN_ACCOUNT,
          labels: {},
        },
        entityRef: 'component:default/payments',
        title: `Unattached volume ${ORPHAN_VOLUME}`,
        current: { description: 'gp3, 500 GiB', monthlyCost: 40, spec: {} },
        recommended: {
          action: 'delete',
          description: 'Snapshot, then delete',
          monthlyCost: 0,
          spec: {},
        },
        remediationParameters: { volumeId: ORPHAN_VOLUME },
      }),
    ],
    new Date(),
  );
  const [stored] = await database.stores.opportunities.listForShard(
    'aws-ebs',
    ORPHAN_ACCOUNT,
    ['detected'],
  );
  return publicOpportunity(stored);
}
