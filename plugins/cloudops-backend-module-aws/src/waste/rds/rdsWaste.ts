import { paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import {
  detectIdleRds,
  HOURS_PER_MONTH,
  RdsInstanceUsage,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../../clients/AwsClients';
import {
  RegionObserve,
  RegionScan,
  usageWindow,
  WasteTarget,
} from '../AwsWasteDetector';
import { inWindow, observation, readHourlyCpu } from '../observation';
import { readUsage } from '../readUsage';
import { tagRecord } from '../tags';

/** The detector id, as detector health and opportunities show it. */
export const RDS_WASTE_ID = 'aws-rds';

type DbInstance = Omit<RdsInstanceUsage, 'connections'> & {
  status: string;
  /**
   * A read replica or an Aurora cluster member: it has no clients of its
   * own by design (a standby), and an Aurora instance is stopped with its
   * cluster, so neither is idle waste.
   */
  standby: boolean;
};

/** DB instances of an account-region (DescribeDBInstances, paged). */
async function describeDbInstances(
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
            status: db.DBInstanceStatus ?? 'unknown',
            standby: Boolean(
              db.ReadReplicaSourceDBInstanceIdentifier ||
                db.ReadReplicaSourceDBClusterIdentifier ||
                db.DBClusterIdentifier,
            ),
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
 * (DescribeDBInstances) that are not read replicas or Aurora cluster
 * members, and their daily maximum of `DatabaseConnections`
 * over the threshold's days; Trusted Advisor's rule flags those with no
 * connection on any of them.
 */
export function rdsScan(clients: AwsClients): RegionScan {
  return async (target, context) => {
    const { signal, thresholds, now } = context;
    // Those that run (and bill instance hours), standbys left out.
    const instances = (
      await describeDbInstances(clients, target, signal)
    ).filter(db => db.status === 'available' && !db.standby);
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

/**
 * Idle DB instances after their change: in place once the instance is
 * stopped or deleted. RDS reports `CPUUtilization` only while an instance
 * runs, so its hourly datapoints since the merge are the hours it ran: the
 * cost is those hours at its class's price.
 */
export function rdsObserve(clients: AwsClients): RegionObserve {
  return async (target, opportunities, context) => {
    const { signal, now } = context;
    const instances = new Map(
      (await describeDbInstances(clients, target, signal)).map(db => [
        db.arn,
        db,
      ]),
    );
    const usage = await readHourlyCpu({
      clients,
      target,
      namespace: 'AWS/RDS',
      resources: opportunities
        .filter(o => instances.has(o.resource.id))
        .map(o => ({
          id: o.resource.id,
          dimensions: {
            DBInstanceIdentifier: instances.get(o.resource.id)!
              .dbInstanceIdentifier,
          },
        })),
      opportunities,
      context,
    });
    const prices = await context.prices(target.region);
    return opportunities.flatMap(o => {
      const db = instances.get(o.resource.id);
      const hours = db ? inWindow(usage.of(o.resource.id, 'cpu'), o, now) : [];
      const monthly = db ? prices?.rdsMonthly(db)?.instance ?? 0 : 0;
      return observation(o, now, {
        applied: !db || ['stopped', 'stopping', 'deleting'].includes(db.status),
        actualCost: (hours.length * monthly) / HOURS_PER_MONTH,
      });
    });
  };
}
