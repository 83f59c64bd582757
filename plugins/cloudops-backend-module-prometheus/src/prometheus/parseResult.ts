import { SeriesPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ServerError } from '../http/callServer';
import type { PromSeries } from './PrometheusClient';

/** What a result is read for: the server and query (for messages) and the series cap. */
export interface ResultContext {
  /** The server, e.g. `Prometheus of cluster prod (https://…)`. */
  what: string;
  query: string;
  maxSeries: number;
}

/** A query as messages quote it: at most 200 characters. */
export function quoteQuery(query: string): string {
  return JSON.stringify(query.length > 200 ? `${query.slice(0, 200)}…` : query);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a result apart, failing with what is wrong with it. */
class ResultReader {
  constructor(private readonly context: ResultContext) {}

  malformed(detail: string): ServerError {
    const { what, query } = this.context;
    return new ServerError(
      `${what} answered the query ${quoteQuery(
        query,
      )} with something else than a Prometheus API result: ${detail}`,
      'server',
    );
  }

  /** The items of a matrix or vector, within the series cap. */
  items(result: unknown): Array<Record<string, unknown>> {
    if (!Array.isArray(result)) throw this.malformed('result is not a list');
    const { what, query, maxSeries } = this.context;
    if (result.length > maxSeries) {
      throw new ServerError(
        `${what} returned ${result.length} series for ${quoteQuery(
          query,
        )}, more than the ${maxSeries} allowed: aggregate it (sum by, topk) or raise cloudops.prometheus.query.maxSeries`,
        'too-large',
      );
    }
    return result.map((item, i) => {
      if (!isRecord(item) || !isRecord(item.metric)) {
        throw this.malformed(`result[${i}] has no metric`);
      }
      if (item.histograms !== undefined || item.histogram !== undefined) {
        throw new ServerError(
          `${what} returned native histograms for ${quoteQuery(
            query,
          )}; CloudOps reads float samples only: turn them into numbers in the query (histogram_quantile, histogram_count, histogram_sum)`,
          'rejected',
        );
      }
      return item;
    });
  }

  /** The points of a list of samples. */
  points(samples: unknown, where: string): SeriesPoint[] {
    if (!Array.isArray(samples)) throw this.malformed(`${where} is not a list`);
    const points: SeriesPoint[] = [];
    for (let i = 0; i < samples.length; i++) {
      const point = this.point(samples[i], () => `${where}[${i}]`);
      if (point) points.push(point);
    }
    return points;
  }

  /** A `[seconds, "value"]` sample as a point; none when it is not finite. */
  point(sample: unknown, where: () => string): SeriesPoint | undefined {
    if (
      !Array.isArray(sample) ||
      typeof sample[0] !== 'number' ||
      typeof sample[1] !== 'string'
    ) {
      throw this.malformed(`${where()} is not a [time, "value"] sample`);
    }
    const value = Number(sample[1]);
    return Number.isFinite(value)
      ? { timestamp: Math.round(sample[0] * 1000), value }
      : undefined;
  }

  /** The points of a single sample (a vector's or a scalar's). */
  single(sample: unknown, where: string): SeriesPoint[] {
    const point = this.point(sample, () => where);
    return point ? [point] : [];
  }

  series(metric: unknown, points: SeriesPoint[]): PromSeries {
    const { __name__: name, ...labels } = metric as Record<string, string>;
    return { name, labels, points };
  }
}

/**
 * The series of a query's `data`: a matrix, a vector or a scalar, checked
 * as it is read. Native histograms are refused (the query is rejected),
 * anything that is not a Prometheus result fails as the server's fault;
 * either way the message names the server and the query.
 */
export function parseResult(
  data: unknown,
  context: ResultContext,
): PromSeries[] {
  const reader = new ResultReader(context);
  if (!isRecord(data)) throw reader.malformed('no data');
  const { resultType, result } = data;
  switch (resultType) {
    case 'matrix':
      return reader
        .items(result)
        .map((item, i) =>
          reader.series(
            item.metric,
            reader.points(item.values, `result[${i}].values`),
          ),
        );
    case 'vector':
      return reader
        .items(result)
        .map((item, i) =>
          reader.series(
            item.metric,
            reader.single(item.value, `result[${i}].value`),
          ),
        );
    case 'scalar':
      return [reader.series({}, reader.single(result, 'result'))];
    case 'string':
      throw new ServerError(
        `${context.what} returned a string for ${quoteQuery(
          context.query,
        )}; expected series`,
        'rejected',
      );
    default:
      throw reader.malformed(
        `unknown resultType ${JSON.stringify(resultType)}`,
      );
  }
}
