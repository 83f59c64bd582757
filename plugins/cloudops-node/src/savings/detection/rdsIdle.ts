import { SeriesPoint } from '../../detectors';
import { PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import {
  byDay,
  chartSeries,
  DAY_MS,
  money,
  pointsIn,
  tagLabels,
} from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

/**
 * An RDS instance and its connections.
 *
 * @public
 */
export interface RdsInstanceUsage {
  arn: string;
  dbInstanceIdentifier: string;
  instanceClass: string;
  engine: string;
  multiAz: boolean;
  storageGiB: number;
  region: string;
  account?: string;
  tags?: Record<string, string>;
  /** `DatabaseConnections` maxima (RDS reports zeros, so a missing day is unknown). */
  connections: readonly SeriesPoint[];
}

/**
 * AWS Trusted Advisor's idle DB instance rule: no connection at all on each
 * of the last 7 days (every day must have data). Recommends a final
 * snapshot and stopping or deleting it; the savings count the instance
 * hours (the storage stays, as a snapshot or a stopped volume).
 *
 * @public
 */
export function detectIdleRds(
  db: RdsInstanceUsage,
  prices: PriceList | undefined,
  now: Date,
  thresholds: SavingsThresholds['rdsIdle'] = DEFAULT_SAVINGS_THRESHOLDS.rdsIdle,
): WasteFinding | undefined {
  const to = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = to - thresholds.days * DAY_MS;
  const points = pointsIn(db.connections, from, to);
  if (byDay(points).size < thresholds.days) return undefined;
  if (points.some(p => p.value > 0)) return undefined;

  const cost = prices?.rdsMonthly(db);
  const currency = prices?.currency ?? 'USD';
  const monthly = cost?.instance ?? 0;
  return {
    kind: 'rds-idle',
    resource: {
      id: db.arn,
      type: 'rds:db',
      name: db.dbInstanceIdentifier,
      region: db.region,
      account: db.account,
      labels: tagLabels(db.tags),
    },
    title: `Idle RDS instance ${db.dbInstanceIdentifier} (${db.instanceClass})`,
    current: {
      description: `${db.instanceClass} ${db.engine}${
        db.multiAz ? ', Multi-AZ' : ''
      }, ${db.storageGiB} GiB`,
      monthlyCost: monthly + (cost?.storage ?? 0),
      spec: { instanceClass: db.instanceClass, multiAz: db.multiAz },
    },
    recommended: {
      action: 'stop',
      description: 'Final snapshot, then stopped or deleted',
      monthlyCost: cost?.storage ?? 0,
      spec: { snapshotFirst: true },
    },
    monthlySavings: monthly,
    currency,
    confidence: 0.9,
    evidence: {
      summary: [
        `No connection on any of the last ${thresholds.days} days (Trusted Advisor's idle rule).`,
        cost
          ? `Its instance hours cost ${money(monthly, currency)} a month.`
          : `No ${db.instanceClass} price is known for ${db.region}: savings not estimated.`,
      ],
      charts: [
        {
          title: 'Database connections (maximum)',
          unit: 'connections',
          kind: 'line',
          series: [chartSeries('connections', points)],
        },
      ],
      metrics: { days: thresholds.days },
    },
    remediationParameters: {
      dbInstanceIdentifier: db.dbInstanceIdentifier,
      region: db.region,
      account: db.account,
    },
  };
}
