import { SeriesPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ServerOptions } from '../config';
import { callServer, ServerError } from '../http/callServer';
import { parseResult, quoteQuery } from './parseResult';

/**
 * One series a query returned: its labels (without `__name__`) and its
 * points in time order. Points whose value is NaN or infinite are left out.
 *
 * @public
 */
export interface PromSeries {
  /** The metric name, when the query kept it. */
  name?: string;
  labels: Record<string, string>;
  points: SeriesPoint[];
}

/** The limits a client holds every query to. */
export interface QueryLimits {
  maxResponseBytes: number;
  maxSeries: number;
}

type ApiResponse =
  | { status: 'success'; data: unknown; warnings?: string[] }
  | { status: 'error'; errorType: string; error: string };

/** Time in seconds, as the Prometheus API takes it. */
const seconds = (ms: number) => (ms / 1000).toString();

/**
 * A client of one Prometheus HTTP API (`/api/v1/query`,
 * `/api/v1/query_range`): credentials, a deadline per query (sent to
 * Prometheus too, so a heavy query is stopped there and reported as
 * rejected, while a server that does not answer at all is a timeout), a cap
 * on response size and on the number of series, and errors that name the
 * cluster and say what went wrong.
 *
 * @public
 */
export class PrometheusClient {
  constructor(
    private readonly options: {
      /** The cluster, for messages. */
      cluster: string;
      server: ServerOptions & { timeoutMs: number };
      limits: QueryLimits;
    },
  ) {}

  get cluster(): string {
    return this.options.cluster;
  }

  /** Evaluates `query` over [start, end] every `stepMs` (a matrix). */
  async queryRange(request: {
    query: string;
    start: number;
    end: number;
    stepMs: number;
    signal?: AbortSignal;
  }): Promise<PromSeries[]> {
    const { query, start, end, stepMs, signal } = request;
    return this.call('/api/v1/query_range', query, signal, {
      start: seconds(start),
      end: seconds(end),
      step: seconds(stepMs),
    });
  }

  /** Evaluates `query` at `time` (default: now); each series has one point. */
  async query(request: {
    query: string;
    time?: number;
    signal?: AbortSignal;
  }): Promise<PromSeries[]> {
    const { query, time, signal } = request;
    return this.call(
      '/api/v1/query',
      query,
      signal,
      time === undefined ? {} : { time: seconds(time) },
    );
  }

  private async call(
    path: string,
    query: string,
    signal: AbortSignal | undefined,
    params: Record<string, string>,
  ): Promise<PromSeries[]> {
    const { cluster, server, limits } = this.options;
    const what = `Prometheus of cluster ${cluster} (${server.url})`;
    const { status, body } = await callServer(server, what, {
      method: 'POST',
      path,
      form: { query, timeout: seconds(server.timeoutMs), ...params },
      signal,
      // Prometheus stops the query at its timeout; give it time to say so.
      timeoutMs: server.timeoutMs + Math.min(5000, server.timeoutMs / 2),
      maxBytes: limits.maxResponseBytes,
    });
    let response: ApiResponse | null;
    try {
      response = JSON.parse(body);
    } catch {
      throw new ServerError(
        `${what} answered ${status} with a body that is not JSON: ${body.slice(
          0,
          200,
        )}`,
        'server',
      );
    }
    if (response?.status === 'error') {
      // 400 bad_data, 422 execution errors and Prometheus' own query
      // timeout are the query's fault; other statuses the server's.
      const ofQuery =
        status === 400 || status === 422 || response.errorType === 'timeout';
      throw new ServerError(
        `${what} ${ofQuery ? 'rejected' : 'failed'} the query ${quoteQuery(
          query,
        )}: ${response.errorType}: ${response.error}`,
        ofQuery ? 'rejected' : 'server',
      );
    }
    if (status >= 300) {
      throw new ServerError(`${what} answered ${status}`, 'server');
    }
    return parseResult(response?.status === 'success' ? response.data : null, {
      what,
      query,
      maxSeries: limits.maxSeries,
    });
  }
}
