import {
  CloudWatchClient,
  GetMetricDataCommand,
  MetricDataQuery,
  MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../clients/AwsClients';
import { PlannedQuery } from './MetricQueryPlan';

/** GetMetricData takes at most this many queries per call. */
export const MAX_QUERIES_PER_CALL = 500;

/** The window of complete periods a read covers. */
export function periodWindow(
  now: number,
  periodSeconds: number,
  lookbackPeriods: number,
): { start: Date; end: Date } {
  const periodMs = periodSeconds * 1000;
  const end = Math.floor(now / periodMs) * periodMs;
  return {
    start: new Date(end - lookbackPeriods * periodMs),
    end: new Date(end),
  };
}

/** How many MetricDataQueries a planned query takes (an expression takes its metrics too). */
function size(query: PlannedQuery): number {
  return query.metrics.length + (query.expression ? 1 : 0);
}

/**
 * Packs queries into calls of at most 500 MetricDataQueries, keeping an
 * expression with its metrics: single metrics fill ⌈n / 500⌉ calls exactly.
 */
export function packQueries(queries: PlannedQuery[]): PlannedQuery[][] {
  const batches: PlannedQuery[][] = [];
  let current: PlannedQuery[] = [];
  let used = 0;
  for (const query of queries) {
    const n = size(query);
    if (used + n > MAX_QUERIES_PER_CALL && current.length > 0) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(query);
    used += n;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The MetricDataQueries of a batch; ids are `q<i>`, an expression's metrics `q<i>_<id>`. */
export function toMetricDataQueries(batch: PlannedQuery[]): MetricDataQuery[] {
  return batch.flatMap((query, i) => {
    const prefix = `q${i}`;
    const stats = query.metrics.map(
      (m): MetricDataQuery => ({
        Id: query.expression ? `${prefix}_${m.id}` : prefix,
        ReturnData: !query.expression,
        MetricStat: {
          Metric: {
            Namespace: m.namespace,
            MetricName: m.metric,
            Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({
              Name,
              Value,
            })),
          },
          Period: query.periodSeconds,
          Stat: m.stat,
        },
      }),
    );
    if (!query.expression) return stats;
    const ids = new Set(query.metrics.map(m => m.id));
    return [
      ...stats,
      {
        Id: prefix,
        Expression: query.expression.replace(
          /\b([a-z][a-zA-Z0-9_]*)\b(?!\s*\()/g,
          id => (ids.has(id) ? `${prefix}_${id}` : id),
        ),
        Period: query.periodSeconds,
        ReturnData: true,
      },
    ];
  });
}

/** What one GetMetricData batch gave: signals, and queries that failed. */
export interface BatchResult {
  signals: SignalInput[];
  failures: string[];
}

/**
 * Reads one batch with GetMetricData, following NextToken (PartialData)
 * until every result is complete, and turns datapoints into metric signals.
 * A query CloudWatch fails on its own (InternalError, Forbidden) is reported
 * in `failures`; the others' datapoints are kept.
 */
export async function readBatch(options: {
  clients: AwsClients;
  account: string;
  region: string;
  batch: PlannedQuery[];
  window: { start: Date; end: Date };
  signal?: AbortSignal;
}): Promise<BatchResult> {
  const { clients, account, region, batch, window, signal } = options;
  const queries = toMetricDataQueries(batch);
  const merged = new Map<
    string,
    { times: Date[]; values: number[]; result: MetricDataResult }
  >();
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await clients.call(
      { account, region },
      CloudWatchClient,
      client =>
        client.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries,
            StartTime: window.start,
            EndTime: window.end,
            ScanBy: 'TimestampAscending',
            NextToken: token,
          }),
          { abortSignal: signal },
        ),
      signal,
    );
    for (const result of page.MetricDataResults ?? []) {
      const entry = merged.get(result.Id!) ?? { times: [], values: [], result };
      entry.times.push(...(result.Timestamps ?? []));
      entry.values.push(...(result.Values ?? []));
      entry.result = result;
      merged.set(result.Id!, entry);
    }
    nextToken = page.NextToken;
  } while (nextToken);

  const signals: SignalInput[] = [];
  const failures: string[] = [];
  batch.forEach((query, i) => {
    const entry = merged.get(`q${i}`);
    const status = entry?.result.StatusCode;
    if (status === 'InternalError' || status === 'Forbidden') {
      const detail = entry?.result.Messages?.map(m => m.Value).join('; ');
      failures.push(
        `${query.signal.name}${
          query.signal.resource ? ` (${query.signal.resource})` : ''
        }: ${status}${detail ? ` (${detail})` : ''}`,
      );
    }
    entry?.times.forEach((time, n) => {
      signals.push({
        source: 'cloudwatch',
        kind: 'metric',
        name: query.signal.name,
        timestamp: time.toISOString(),
        value: entry.values[n],
        account,
        region,
        resource: query.signal.resource,
        entityRef: query.signal.entityRef,
        labels: query.signal.labels,
      });
    });
  });
  return { signals, failures };
}
