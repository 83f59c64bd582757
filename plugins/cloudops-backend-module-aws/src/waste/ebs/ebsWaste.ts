import { EC2Client, paginateDescribeVolumes } from '@aws-sdk/client-ec2';
import {
  detectEbsOrphan,
  EbsVolume,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../../clients/AwsClients';
import {
  RegionObserve,
  RegionScan,
  usageWindow,
  WasteTarget,
} from '../AwsWasteDetector';
import { observation, overWindow } from '../observation';
import { readUsage, Usage } from '../readUsage';
import { tagRecord } from '../tags';

/** The detector id, as detector health and opportunities show it. */
export const EBS_WASTE_ID = 'aws-ebs';

const HOUR_MS = 3_600_000;
/** Days of EBS metrics read beyond the threshold, to see when a volume was last attached. */
const EXTRA_DAYS = 7;

/** Volumes of an account-region (DescribeVolumes, paged): with `status` given, only those. */
export async function describeVolumes(
  clients: AwsClients,
  { account, region }: WasteTarget,
  signal?: AbortSignal,
  status?: string,
): Promise<EbsVolume[]> {
  return clients.call(
    { account, region },
    EC2Client,
    async client => {
      const found: EbsVolume[] = [];
      for await (const page of paginateDescribeVolumes(
        { client, pageSize: 1000 },
        {
          Filters: status ? [{ Name: 'status', Values: [status] }] : undefined,
        },
      )) {
        signal?.throwIfAborted();
        for (const v of page.Volumes ?? []) {
          found.push({
            arn: `arn:aws:ec2:${region}:${account}:volume/${v.VolumeId}`,
            volumeId: v.VolumeId!,
            region,
            account,
            volumeType: v.VolumeType!,
            sizeGiB: v.Size ?? 0,
            iops: v.Iops,
            throughputMiBps: v.Throughput,
            state: v.State!,
            createTime: v.CreateTime!,
            tags: tagRecord(v.Tags),
          });
        }
      }
      return found;
    },
    signal,
  );
}

/**
 * When a volume was last attached, from its metrics: EBS sends them to
 * CloudWatch only while a volume is attached, so the end of its last
 * `VolumeIdleTime` hour is when it was detached (within the hour).
 * Undefined when it sent none in the window: then it has been unattached
 * at least that long, or was never attached since it was created.
 */
function lastAttached(usage: Usage, volume: EbsVolume): Date | undefined {
  const points = usage.of(volume.arn, 'idleTime');
  const last = points[points.length - 1];
  return last ? new Date(last.timestamp + HOUR_MS) : undefined;
}

/**
 * Orphaned EBS volumes of an account-region, without CloudTrail: the volumes
 * DescribeVolumes lists as `available` (attached to nothing), and when each
 * was detached from the last hour of `AWS/EBS` `VolumeIdleTime` it sent
 * (EBS reports metrics only for attached volumes) over the threshold plus a
 * week; a volume with no metrics in that window counts from its
 * `CreateTime` (exact for a volume never attached, a lower bound
 * otherwise, with less confidence).
 */
export function ebsScan(clients: AwsClients): RegionScan {
  return async (target, context) => {
    const { signal, thresholds, now } = context;
    const volumes = await describeVolumes(clients, target, signal, 'available');
    if (volumes.length === 0) return [];
    const usage = await readUsage({
      clients,
      ...target,
      queries: volumes.map(v => ({
        resource: v.arn,
        series: 'idleTime',
        namespace: 'AWS/EBS',
        metric: 'VolumeIdleTime',
        dimensions: { VolumeId: v.volumeId },
        stat: 'Sum',
        periodSeconds: 3600,
      })),
      window: usageWindow(
        now,
        thresholds.ebsOrphan.unattachedDays + EXTRA_DAYS,
      ),
      signal,
    });
    const prices = await context.prices(target.region);
    return volumes.flatMap(volume => {
      const finding = detectEbsOrphan(
        { ...volume, lastDetachedAt: lastAttached(usage, volume) },
        prices,
        now,
        thresholds.ebsOrphan,
      );
      return finding ? [finding] : [];
    });
  };
}

/**
 * Orphaned volumes after their change: in place once the volume is gone
 * (the snapshot is what remains); while it exists, it costs its size (and
 * provisioned performance) over the window.
 */
export function ebsObserve(clients: AwsClients): RegionObserve {
  return async (target, opportunities, context) => {
    const volumes = new Map(
      (await describeVolumes(clients, target, context.signal)).map(v => [
        v.arn,
        v,
      ]),
    );
    const prices = await context.prices(target.region);
    return opportunities.flatMap(o => {
      const volume = volumes.get(o.resource.id);
      const gone = !volume || ['deleting', 'deleted'].includes(volume.state);
      return observation(o, context.now, {
        applied: gone,
        actualCost: gone
          ? 0
          : overWindow(prices?.ebsVolumeMonthly(volume) ?? 0, o, context.now),
      });
    });
  };
}
