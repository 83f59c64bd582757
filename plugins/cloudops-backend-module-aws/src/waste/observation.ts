import {
  HOURS_PER_MONTH,
  percentile,
  PostChangeObservation,
  SeriesPoint,
  WasteObservationContext,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../clients/AwsClients';
import { WasteTarget } from './AwsWasteDetector';
import { readUsage, Usage } from './readUsage';

const HOUR_MS = 3_600_000;

/**
 * Hourly `CPUUtilization` maxima of resources (series `cpu`) since the
 * earliest opportunity's window start. EC2 and RDS report it only while an
 * instance runs: its datapoints are the hours it ran.
 */
export function readHourlyCpu(options: {
  clients: AwsClients;
  target: WasteTarget;
  namespace: 'AWS/EC2' | 'AWS/RDS';
  resources: Array<{ id: string; dimensions: Record<string, string> }>;
  opportunities: readonly Changed[];
  context: WasteObservationContext;
}): Promise<Usage> {
  const { context } = options;
  return readUsage({
    clients: options.clients,
    ...options.target,
    queries: options.resources.map(r => ({
      resource: r.id,
      series: 'cpu',
      namespace: options.namespace,
      metric: 'CPUUtilization',
      dimensions: r.dimensions,
      stat: 'Maximum',
      periodSeconds: 3600,
    })),
    window: observationWindow(options.opportunities, context.now),
    signal: context.signal,
  });
}

type Changed = WasteObservationContext['opportunities'][number];

/** The window every opportunity of a run is read over: from the earliest to now. */
export function observationWindow(
  opportunities: readonly Changed[],
  now: Date,
): { start: Date; end: Date } {
  const earliest = Math.min(...opportunities.map(o => o.observeFrom.getTime()));
  return {
    start: new Date(Math.floor(earliest / HOUR_MS) * HOUR_MS),
    end: now,
  };
}

/** The hourly points of an opportunity's own window (from the hour it starts in). */
export function inWindow(
  points: readonly SeriesPoint[],
  o: Changed,
  now: Date,
): SeriesPoint[] {
  const from = Math.floor(o.observeFrom.getTime() / HOUR_MS) * HOUR_MS;
  return points.filter(p => p.timestamp >= from && p.timestamp < now.getTime());
}

/** A monthly price over an opportunity's window. */
export function overWindow(monthly: number, o: Changed, now: Date): number {
  const hours = (now.getTime() - o.observeFrom.getTime()) / HOUR_MS;
  return (Math.max(0, hours) * monthly) / HOURS_PER_MONTH;
}

/** The p99 of utilisation points (percent) as a share, when there are any. */
export function peakShare(points: readonly SeriesPoint[]): number | undefined {
  const p99 = percentile(
    points.map(p => p.value),
    99,
  );
  return p99 === undefined ? undefined : p99 / 100;
}

/**
 * The observation of one opportunity over its window, or none when the
 * window is empty (measured again next time).
 */
export function observation(
  o: Changed,
  now: Date,
  measured: Pick<
    PostChangeObservation,
    'applied' | 'actualCost' | 'peakUtilization'
  >,
): PostChangeObservation[] {
  if (now.getTime() <= o.observeFrom.getTime()) return [];
  return [
    {
      opportunityId: o.id,
      windowStart: o.observeFrom,
      windowEnd: now,
      costSource: 'usage-x-price',
      ...measured,
    },
  ];
}
