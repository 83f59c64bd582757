import { InputError } from '@backstage/errors';
import { PromSeries } from './PrometheusClient';
import { PrometheusClusters } from './PrometheusClusters';
import { MAX_POINTS_PER_QUERY } from './chunkedRange';

/** The step a series range is read at by default: the range in 240 steps, at least 1 s. */
export function defaultStepMs(startMs: number, endMs: number): number {
  return Math.max(1000, Math.ceil((endMs - startMs) / 240));
}

/**
 * A range of one or more series, for evidence: what the RCA engine and the
 * anomaly detectors read to look back at a metric around an incident.
 *
 * @public
 */
export interface SeriesRangeRequest {
  /** The cluster whose Prometheus is asked. */
  cluster: string;
  /** A PromQL expression, e.g. `rate(http_requests_total{app="checkout"}[5m])`. */
  query: string;
  start: Date;
  end: Date;
  /** The resolution in milliseconds; by default the range split into 240 steps (at least 1 s). */
  stepMs?: number;
  signal?: AbortSignal;
}

/**
 * Reads series ranges from the configured Prometheus servers.
 *
 * @public
 */
export interface PrometheusSeriesService {
  /** The clusters that have a Prometheus. */
  clusters(): string[];
  /**
   * The series `query` returns over the range, each with its labels and its
   * points (epoch milliseconds, finite values only).
   *
   * @throws NotFoundError for a cluster without a Prometheus, InputError for
   *   a bad range, and an error saying what went wrong when Prometheus is
   *   down, slow, refuses the query or answers too much.
   */
  readRange(request: SeriesRangeRequest): Promise<PromSeries[]>;
}

/** {@link PrometheusSeriesService} over the configured clusters. */
export class PrometheusSeries implements PrometheusSeriesService {
  constructor(private readonly prometheus: PrometheusClusters) {}

  clusters(): string[] {
    return this.prometheus.names();
  }

  async readRange(request: SeriesRangeRequest): Promise<PromSeries[]> {
    const start = request.start.getTime();
    const end = request.end.getTime();
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      throw new InputError(
        `A series range needs a start before its end (got ${request.start} to ${request.end})`,
      );
    }
    const stepMs = request.stepMs ?? defaultStepMs(start, end);
    if (stepMs <= 0 || (end - start) / stepMs > MAX_POINTS_PER_QUERY) {
      throw new InputError(
        `A series range of ${(end - start) / 1000}s at a step of ${
          stepMs / 1000
        }s has more than ${MAX_POINTS_PER_QUERY} points; use a longer step`,
      );
    }
    return this.prometheus.client(request.cluster).queryRange({
      query: request.query,
      start,
      end,
      stepMs,
      signal: request.signal,
    });
  }
}
