import { PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import { DAY_MS, money, round, tagLabels } from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

/**
 * An EBS volume from `DescribeVolumes`, with when it was last detached.
 *
 * @public
 */
export interface EbsVolume {
  arn: string;
  volumeId: string;
  region: string;
  account?: string;
  volumeType: string;
  sizeGiB: number;
  iops?: number;
  throughputMiBps?: number;
  /** `available` (unattached), `in-use`… */
  state: string;
  createTime: Date;
  /**
   * When it was last detached (CloudTrail `DetachVolume`, AWS Config). When
   * unknown, the creation time stands in (right for a volume never attached)
   * and the confidence is lower.
   */
  lastDetachedAt?: Date;
  tags?: Record<string, string>;
}

/**
 * An unattached volume for at least 7 days: snapshot it and delete it.
 *
 * @public
 */
export function detectEbsOrphan(
  volume: EbsVolume,
  prices: PriceList | undefined,
  now: Date,
  thresholds: SavingsThresholds['ebsOrphan'] = DEFAULT_SAVINGS_THRESHOLDS.ebsOrphan,
): WasteFinding | undefined {
  if (volume.state !== 'available') return undefined;
  const since = volume.lastDetachedAt ?? volume.createTime;
  const days = (now.getTime() - since.getTime()) / DAY_MS;
  if (days < thresholds.unattachedDays) return undefined;
  const monthly = prices?.ebsVolumeMonthly(volume) ?? 0;
  const currency = prices?.currency ?? 'USD';
  const name = volume.tags?.Name ?? volume.volumeId;
  return {
    kind: 'ebs-orphan',
    resource: {
      id: volume.arn,
      type: 'ebs:volume',
      name,
      region: volume.region,
      account: volume.account,
      labels: tagLabels(volume.tags),
    },
    title: `Unattached EBS volume ${name} (${volume.sizeGiB} GiB ${volume.volumeType})`,
    current: {
      description: `${volume.sizeGiB} GiB ${volume.volumeType}, unattached`,
      monthlyCost: monthly,
      spec: { volumeType: volume.volumeType, sizeGiB: volume.sizeGiB },
    },
    recommended: {
      action: 'delete',
      description: 'Snapshot, then delete',
      monthlyCost: 0,
      spec: { snapshotFirst: true },
    },
    monthlySavings: monthly,
    currency,
    confidence: volume.lastDetachedAt ? 0.95 : 0.75,
    evidence: {
      summary: [
        volume.lastDetachedAt
          ? `Unattached since ${since.toISOString()} (${round(
              days,
              1,
            )} days; the threshold is ${thresholds.unattachedDays}).`
          : `Unattached, and its detach time is unknown: created ${since.toISOString()} (${round(
              days,
              1,
            )} days ago).`,
        prices
          ? `Deleting it saves ${money(
              monthly,
              currency,
            )} a month; a snapshot costs less and only for the blocks in use.`
          : `No EBS price is known for ${volume.region}: savings not estimated.`,
      ],
      charts: [],
      metrics: { unattachedDays: round(days, 2), sizeGiB: volume.sizeGiB },
    },
    remediationParameters: {
      volumeId: volume.volumeId,
      region: volume.region,
      account: volume.account,
    },
  };
}
