import { invalid } from '../AwsFault';

export interface Dimension {
  Name: string;
  Value: string;
}

/** Which series a metric query names. */
export interface MetricKey {
  account: string;
  region: string;
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
}

/** Computes a statistic of a period when no samples were stored. */
export type SyntheticData = (
  key: MetricKey,
  stat: string,
  periodStartMs: number,
  periodSeconds: number,
) => number | undefined;

export function seriesId(key: MetricKey): string {
  const dims = [...key.dimensions]
    .sort((a, b) => a.Name.localeCompare(b.Name))
    .map(d => `${d.Name}=${d.Value}`)
    .join(',');
  return `${key.account}|${key.region}|${key.namespace}|${key.metricName}|${dims}`;
}

const PERCENTILE = /^p(\d{1,2}(?:\.\d+)?|100)$/;

/** Whether CloudWatch knows a statistic (the subset the fake computes). */
export function checkStat(stat: string) {
  if (
    !['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'].includes(stat) &&
    !PERCENTILE.test(stat)
  ) {
    throw invalid(
      'InvalidParameterValue',
      `The value ${stat} for parameter MetricDataQueries.member.Stat is not a statistic the fake computes`,
    );
  }
}

function statistic(stat: string, samples: number[]): number {
  switch (stat) {
    case 'SampleCount':
      return samples.length;
    case 'Sum':
      return samples.reduce((a, b) => a + b, 0);
    case 'Average':
      return samples.reduce((a, b) => a + b, 0) / samples.length;
    case 'Minimum':
      return Math.min(...samples);
    case 'Maximum':
      return Math.max(...samples);
    default: {
      const p = Number(PERCENTILE.exec(stat)![1]);
      const sorted = [...samples].sort((a, b) => a - b);
      const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
      return sorted[rank - 1];
    }
  }
}

/** Samples stored by PutMetricData (or a test), by series. */
export class MetricStore {
  private readonly samples = new Map<string, Array<[number, number]>>();
  private readonly keys = new Map<string, MetricKey>();
  /** Answers for series with no stored samples (benchmarks). */
  synthetic?: SyntheticData;

  put(key: MetricKey, timestampMs: number, value: number) {
    const id = seriesId(key);
    this.keys.set(id, key);
    const list = this.samples.get(id) ?? [];
    list.push([timestampMs, value]);
    this.samples.set(id, list);
  }

  /**
   * The stored series of an account-region (ListMetrics): of a namespace
   * and metric when given, and carrying every dimension given (a dimension
   * without a value matches any value).
   */
  list(filter: {
    account: string;
    region: string;
    namespace?: string;
    metricName?: string;
    dimensions?: Array<{ Name: string; Value?: string }>;
  }): MetricKey[] {
    return [...this.keys.values()].filter(
      k =>
        k.account === filter.account &&
        k.region === filter.region &&
        (!filter.namespace || k.namespace === filter.namespace) &&
        (!filter.metricName || k.metricName === filter.metricName) &&
        (filter.dimensions ?? []).every(f =>
          k.dimensions.some(
            d =>
              d.Name === f.Name &&
              (f.Value === undefined || d.Value === f.Value),
          ),
        ),
    );
  }

  /** The statistic per period bucket within [start, end), by bucket start. */
  read(
    key: MetricKey,
    stat: string,
    periodSeconds: number,
    startMs: number,
    endMs: number,
  ): Map<number, number> {
    const periodMs = periodSeconds * 1000;
    const out = new Map<number, number>();
    const stored = this.samples.get(seriesId(key));
    if (stored) {
      const buckets = new Map<number, number[]>();
      for (const [t, v] of stored) {
        if (t < startMs || t >= endMs) continue;
        const bucket = Math.floor(t / periodMs) * periodMs;
        buckets.set(bucket, [...(buckets.get(bucket) ?? []), v]);
      }
      for (const [bucket, values] of buckets) {
        out.set(bucket, statistic(stat, values));
      }
      return out;
    }
    if (this.synthetic) {
      for (
        let t = Math.ceil(startMs / periodMs) * periodMs;
        t < endMs;
        t += periodMs
      ) {
        const value = this.synthetic(key, stat, t, periodSeconds);
        if (value !== undefined) out.set(t, value);
      }
    }
    return out;
  }
}
