import { SeriesPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../clients/AwsClients';
import { PlannedQuery } from '../cloudwatch/MetricQueryPlan';
import { packQueries, readBatch } from '../cloudwatch/readMetricData';

/** One usage series of one resource to read from CloudWatch. */
export interface UsageQuery {
  /** The resource it belongs to (its ARN). */
  resource: string;
  /** Which of the resource's series it is, e.g. `cpuAverage`. */
  series: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSeconds: number;
}

/** The series read, by resource and series name. */
export class Usage {
  private readonly points = new Map<string, SeriesPoint[]>();

  add(resource: string, series: string, point: SeriesPoint) {
    const key = `${resource}|${series}`;
    const list = this.points.get(key) ?? [];
    list.push(point);
    this.points.set(key, list);
  }

  /** A series in time order; empty when CloudWatch had no datapoint. */
  of(resource: string, series: string): SeriesPoint[] {
    return (this.points.get(`${resource}|${series}`) ?? []).sort(
      (a, b) => a.timestamp - b.timestamp,
    );
  }
}

/** How many datapoints failed queries name in an error before "and n more". */
const NAMED_FAILURES = 5;

/**
 * Reads usage series of one account-region with GetMetricData, in calls of
 * at most 500 queries (⌈queries / 500⌉ calls, each followed through its
 * NextToken pages), all over the same window. Fails when CloudWatch fails
 * any query on its own: a detector judging a resource on part of its data
 * would flag or clear it wrongly.
 */
export async function readUsage(options: {
  clients: AwsClients;
  account: string;
  region: string;
  queries: UsageQuery[];
  window: { start: Date; end: Date };
  signal?: AbortSignal;
}): Promise<Usage> {
  const usage = new Usage();
  const planned = options.queries.map(
    (q): PlannedQuery => ({
      periodSeconds: q.periodSeconds,
      metrics: [
        {
          id: 'm',
          namespace: q.namespace,
          metric: q.metric,
          dimensions: q.dimensions,
          stat: q.stat,
        },
      ],
      signal: { name: q.series, resource: q.resource, labels: {} },
    }),
  );
  const results = await Promise.all(
    packQueries(planned).map(batch =>
      readBatch({
        clients: options.clients,
        account: options.account,
        region: options.region,
        batch,
        window: options.window,
        signal: options.signal,
      }),
    ),
  );
  const failures = results.flatMap(r => r.failures);
  if (failures.length > 0) {
    throw new Error(
      `${options.account} ${options.region}: CloudWatch failed ${
        failures.length
      } usage ${failures.length === 1 ? 'query' : 'queries'}: ${failures
        .slice(0, NAMED_FAILURES)
        .join('; ')}${
        failures.length > NAMED_FAILURES
          ? ` and ${failures.length - NAMED_FAILURES} more`
          : ''
      }`,
    );
  }
  for (const { signals } of results) {
    for (const s of signals) {
      usage.add(s.resource!, s.name, {
        timestamp: Date.parse(s.timestamp!),
        value: s.value!,
      });
    }
  }
  return usage;
}
