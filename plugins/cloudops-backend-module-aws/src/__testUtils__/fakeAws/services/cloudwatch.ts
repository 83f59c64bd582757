import { createHash } from 'node:crypto';
import { invalid } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';
import { evaluateExpression, Series } from './metricMath';
import {
  checkStat,
  Dimension,
  MetricKey,
  MetricStore,
  seriesId,
} from './metricStore';

/** A metric alarm as DescribeAlarms returns it (the fields CloudOps reads). */
export interface FakeMetricAlarm {
  AlarmName: string;
  AlarmDescription?: string;
  StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  StateReason?: string;
  StateUpdatedTimestamp?: Date;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: Dimension[];
  Statistic?: string;
  Period?: number;
  Threshold?: number;
  ComparisonOperator?: string;
}

interface Query {
  Id: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
  Expression?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: Dimension[] };
    Period: number;
    Stat: string;
  };
}

const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const ID = /^[a-z][a-zA-Z0-9_]*$/;

function checkPeriod(period: unknown, where: string): number {
  if (
    typeof period !== 'number' ||
    !(period % 60 === 0 || [1, 5, 10, 20, 30].includes(period)) ||
    period <= 0
  ) {
    throw invalid(
      'InvalidParameterValue',
      `The parameter ${where}.Period must be 1, 5, 10, 20, 30 or a multiple of 60 (got ${period})`,
    );
  }
  return period;
}

function checkQueries(queries: Query[]) {
  if (queries.length === 0 || queries.length > MAX_QUERIES) {
    throw invalid(
      'InvalidParameterValue',
      `The collection MetricDataQueries must contain between 1 and ${MAX_QUERIES} items (got ${queries.length})`,
    );
  }
  const ids = new Set<string>();
  queries.forEach((q, i) => {
    if (!ID.test(q.Id ?? '')) {
      throw invalid(
        'InvalidParameterValue',
        `The value ${q.Id} for parameter MetricDataQueries.member.${
          i + 1
        }.Id must start with a lowercase letter and contain only letters, digits and underscores`,
      );
    }
    if (ids.has(q.Id)) {
      throw invalid('InvalidParameterValue', `Duplicate Id ${q.Id}`);
    }
    ids.add(q.Id);
    if (Boolean(q.MetricStat) === Boolean(q.Expression)) {
      throw invalid(
        'InvalidParameterCombination',
        `MetricDataQueries.member.${
          i + 1
        } must have exactly one of MetricStat and Expression`,
      );
    }
    if (q.MetricStat) {
      checkPeriod(
        q.MetricStat.Period,
        `MetricDataQueries.member.${i + 1}.MetricStat`,
      );
      checkStat(q.MetricStat.Stat);
    }
  });
}

interface Result {
  Id: string;
  Label: string;
  points: Array<[number, number]>;
  StatusCode: 'Complete' | 'InternalError' | 'Forbidden' | 'PartialData';
  Messages?: Array<{ Code: string; Value: string }>;
}

/**
 * CloudWatch (JSON 1.0, query-compatible): GetMetricData with statistics,
 * metric math, the 500-query limit, MaxDatapoints pagination (PartialData
 * and NextToken) and per-query failures; PutMetricData; DescribeAlarms with
 * paging; ListMetrics of the stored series.
 */
export class FakeCloudWatch {
  readonly metrics = new MetricStore();
  /** Most datapoints one GetMetricData page returns (AWS: 100,800). */
  maxDatapointsPerPage = DEFAULT_MAX_DATAPOINTS;
  /** Makes a query fail on its own, as CloudWatch reports per query. */
  queryStatus?: (query: MetricKey) => 'InternalError' | 'Forbidden' | undefined;
  /** Metrics requested, for cost: every MetricStat of every call. */
  metricsRequested = 0;
  private readonly alarms = new Map<string, FakeMetricAlarm[]>();

  putAlarm(account: string, region: string, alarm: FakeMetricAlarm) {
    const key = `${account}|${region}`;
    const list = (this.alarms.get(key) ?? []).filter(
      a => a.AlarmName !== alarm.AlarmName,
    );
    list.push({
      StateUpdatedTimestamp: new Date(),
      ...alarm,
    });
    list.sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
    this.alarms.set(key, list);
  }

  readonly service = awsJsonService({
    signingName: 'monitoring',
    iamPrefix: 'cloudwatch',
    targetPrefix: 'GraniteServiceVersion20100801',
    version: '1.0',
    errorNamespace: 'com.amazonaws.cloudwatch',
    queryCompatible: true,
    codes: {
      invalidToken: 'InvalidClientTokenId',
      expired: 'ExpiredToken',
      accessDenied: 'AccessDenied',
      throttling: 'Throttling',
    },
    operations: {
      GetMetricData: (input, context) =>
        this.getMetricData(input, context.accountId, context.region),
      PutMetricData: (input, context) => {
        for (const datum of input.MetricData ?? []) {
          const key: MetricKey = {
            account: context.accountId,
            region: context.region,
            namespace: input.Namespace,
            metricName: datum.MetricName,
            dimensions: datum.Dimensions ?? [],
          };
          const at = (datum.Timestamp ?? Date.now() / 1000) * 1000;
          const values: number[] =
            datum.Values ?? (datum.Value !== undefined ? [datum.Value] : []);
          values.forEach((value, i) => {
            for (let n = 0; n < (datum.Counts?.[i] ?? 1); n++) {
              this.metrics.put(key, at, value);
            }
          });
        }
        return {};
      },
      ListMetrics: (input, context) => {
        const all = this.metrics
          .list({
            account: context.accountId,
            region: context.region,
            namespace: input.Namespace,
            metricName: input.MetricName,
            dimensions: input.Dimensions,
          })
          .sort((a, b) => seriesId(a).localeCompare(seriesId(b)));
        const offset = input.NextToken ? Number(input.NextToken) : 0;
        return {
          Metrics: all.slice(offset, offset + 500).map(k => ({
            Namespace: k.namespace,
            MetricName: k.metricName,
            Dimensions: k.dimensions,
          })),
          NextToken:
            offset + 500 < all.length ? String(offset + 500) : undefined,
        };
      },
      DescribeAlarms: (input, context) => {
        const all = (
          this.alarms.get(`${context.accountId}|${context.region}`) ?? []
        ).filter(
          a =>
            (!input.StateValue || a.StateValue === input.StateValue) &&
            (!input.AlarmNamePrefix ||
              a.AlarmName.startsWith(input.AlarmNamePrefix)),
        );
        const max = Math.min(input.MaxRecords ?? 50, 100);
        const offset = input.NextToken ? Number(input.NextToken) : 0;
        const page = all.slice(offset, offset + max);
        return {
          MetricAlarms: page.map(a => ({
            ...a,
            AlarmArn: `arn:aws:cloudwatch:${context.region}:${context.accountId}:alarm:${a.AlarmName}`,
            StateTransitionedTimestamp: a.StateUpdatedTimestamp,
          })),
          CompositeAlarms: [],
          NextToken:
            offset + max < all.length ? String(offset + max) : undefined,
        };
      },
    },
  });

  private getMetricData(input: any, account: string, region: string) {
    const queries: Query[] = input.MetricDataQueries ?? [];
    checkQueries(queries);
    const startMs = Number(input.StartTime) * 1000;
    const endMs = Number(input.EndTime) * 1000;
    if (!(startMs < endMs)) {
      throw invalid(
        'InvalidParameterValue',
        'The parameter StartTime must be less than the parameter EndTime',
      );
    }
    const digest = createHash('sha256')
      .update(JSON.stringify([queries, input.StartTime, input.EndTime]))
      .digest('hex')
      .slice(0, 16);
    let offset = 0;
    if (input.NextToken) {
      const [tokenDigest, tokenOffset] = String(input.NextToken).split(':');
      if (tokenDigest !== digest) {
        throw invalid(
          'InvalidNextToken',
          'The NextToken does not match the request',
        );
      }
      offset = Number(tokenOffset);
    } else {
      this.metricsRequested += queries.filter(q => q.MetricStat).length;
    }

    const results = this.compute(queries, account, region, startMs, endMs);
    if (input.ScanBy !== 'TimestampAscending') {
      results.forEach(r => r.points.sort((a, b) => b[0] - a[0]));
    }
    const pageSize = Math.min(
      input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS,
      this.maxDatapointsPerPage,
    );
    // Datapoints are paged in query order (a result without any takes one
    // slot); a result cut by the page is PartialData and continues on the
    // next page.
    const pageEnd = offset + pageSize;
    const page: any[] = [];
    let position = 0;
    for (const result of results) {
      const size = Math.max(result.points.length, 1);
      const from = Math.max(offset, position);
      const to = Math.min(pageEnd, position + size);
      if (from < to) {
        const slice = result.points.slice(from - position, to - position);
        page.push({
          Id: result.Id,
          Label: result.Label,
          Timestamps: slice.map(([t]) => t / 1000),
          Values: slice.map(([, v]) => v),
          StatusCode: to < position + size ? 'PartialData' : result.StatusCode,
          Messages: result.Messages,
        });
      }
      position += size;
    }
    return {
      MetricDataResults: page,
      NextToken: pageEnd < position ? `${digest}:${pageEnd}` : undefined,
      Messages: [],
    };
  }

  private compute(
    queries: Query[],
    account: string,
    region: string,
    startMs: number,
    endMs: number,
  ): Result[] {
    const series = new Map<string, Series>();
    const status = new Map<string, Result['StatusCode']>();
    for (const q of queries) {
      if (!q.MetricStat) continue;
      const key: MetricKey = {
        account,
        region,
        namespace: q.MetricStat.Metric.Namespace,
        metricName: q.MetricStat.Metric.MetricName,
        dimensions: q.MetricStat.Metric.Dimensions ?? [],
      };
      const failed = this.queryStatus?.(key);
      if (failed) {
        status.set(q.Id, failed);
        series.set(q.Id, new Map());
      } else {
        series.set(
          q.Id,
          this.metrics.read(
            key,
            q.MetricStat.Stat,
            q.MetricStat.Period,
            startMs,
            endMs,
          ),
        );
      }
    }
    const expressions = queries.filter(q => q.Expression);
    for (let pass = 0; pass < expressions.length; pass++) {
      for (const q of expressions) {
        if (series.has(q.Id)) continue;
        const period = checkPeriod(
          q.Period ??
            queries.find(m => m.MetricStat && q.Expression!.includes(m.Id))
              ?.MetricStat?.Period ??
            60,
          q.Id,
        );
        const periodMs = period * 1000;
        const times: number[] = [];
        for (
          let t = Math.ceil(startMs / periodMs) * periodMs;
          t < endMs;
          t += periodMs
        ) {
          times.push(t);
        }
        try {
          series.set(
            q.Id,
            evaluateExpression(q.Expression!, { series, times }),
          );
        } catch (error) {
          if (pass === expressions.length - 1) throw error;
        }
      }
    }
    return queries
      .filter(q => q.ReturnData !== false)
      .map(q => {
        const failed = status.get(q.Id);
        return {
          Id: q.Id,
          Label: q.Label ?? q.MetricStat?.Metric.MetricName ?? q.Id,
          points: [...(series.get(q.Id) ?? new Map()).entries()].sort(
            (a, b) => a[0] - b[0],
          ),
          StatusCode: failed ?? 'Complete',
          Messages: failed
            ? [{ Code: failed, Value: `The query ${q.Id} failed: ${failed}` }]
            : undefined,
        };
      });
  }
}
