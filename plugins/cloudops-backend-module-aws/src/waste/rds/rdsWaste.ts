import { paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import {
  detectIdleRds,
  RdsInstanceUsage,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../../clients/AwsClients';
import { RegionScan, usageWindow, WasteTarget } from '../AwsWasteDetector';
import { readUsage } from '../readUsage';
import { tagRecord } from '../tags';

/** The detector id, as detector health and opportunities show it. */
export const RDS_WASTE_ID = 'aws-rds';

type DbInstance = Omit<RdsInstanceUsage, 'connections'>;

/** DB instances that run (and bill instance hours): `available` ones. */
async function listRunningDbInstances(
  clients: AwsClients,
  { account, region }: WasteTarget,
  signal?: AbortSignal,
): Promise<DbInstance[]> {
  return clients.call(
    { account, region },
    RDSClient,
    async client => {
      const found: DbInstance[] = [];
      for await (const page of paginateDescribeDBInstances(
        { client, pageSize: 100 },
        {},
      )) {
        signal?.throwIfAborted();
        for (const db of page.DBInstances ?? []) {
          if (db.DBInstanceStatus !== 'available') continue;
          found.push({
            arn: db.DBInstanceArn!,
            dbInstanceIdentifier: db.DBInstanceIdentifier!,
            instanceClass: db.DBInstanceClass!,
            engine: db.Engine!,
            multiAz: db.MultiAZ ?? false,
            storageGiB: db.AllocatedStorage ?? 0,
            region,
            account,
            tags: tagRecord(db.TagList),
          });
        }
      }
      return found;
    },
    signal,
  );
}

/**
 * Idle RDS instances of an account-region: the running DB instances
 * (DescribeDBInstances) and their daily maximum of `DatabaseConnections`
 * over the threshold's days; Trusted Advisor's rule flags those with no
 * connection on any of them.
 */
export function rdsScan(clients: AwsClients): RegionScan {
  return async (target, context) => {
    const { signal, thresholds, now } = context;
    const instances = await listRunningDbInstances(clients, target, signal);
    if (instances.length === 0) return [];
    const usage = await readUsage({
      clients,
      ...target,
      queries: instances.map(db => ({
        resource: db.arn,
        series: 'connections',
        namespace: 'AWS/RDS',
        metric: 'DatabaseConnections',
        dimensions: { DBInstanceIdentifier: db.dbInstanceIdentifier },
        stat: 'Maximum',
        periodSeconds: 86_400,
      })),
      window: usageWindow(now, thresholds.rdsIdle.days),
      signal,
    });
    const prices = await context.prices(target.region);
    return instances.flatMap(db => {
      const finding = detectIdleRds(
        { ...db, connections: usage.of(db.arn, 'connections') },
        prices,
        now,
        thresholds.rdsIdle,
      );
      return finding ? [finding] : [];
    });
  };
}
