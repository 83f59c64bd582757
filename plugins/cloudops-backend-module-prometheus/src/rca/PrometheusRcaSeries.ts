import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RcaSeries,
  RcaSeriesProvider,
  RcaSeriesRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { RUNNING } from '../kubernetes/KubernetesUsage';
import {
  defaultStepMs,
  PrometheusSeriesService,
} from '../prometheus/PrometheusSeries';
import { settleWithConcurrency } from './settleWithConcurrency';

/** The sources whose incidents come from a cluster's Prometheus. */
const PROMETHEUS_SOURCES = new Set(['prometheus', 'alertmanager']);

/** Queries of one RCA in flight at once (Prometheus runs 20 at a time by default). */
const CONCURRENCY = 6;

/**
 * The most steps read per series: at the engine's step (its lookback in 240
 * steps), the lookback before the fault and three times as long after it.
 */
const MAX_STEPS = 960;

/** The shortest window of a rate or an increase. */
const MIN_WINDOW_MS = 300_000;

/** At most this many failed reads are named in the log line of an RCA. */
const FAILURES_NAMED = 3;

/** The alphabet Kubernetes draws generated name suffixes from. */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';

/**
 * The pods of a workload by name, as a PromQL (RE2, anchored) pattern:
 * Deployment `<id>-<hash>-<suffix>`, CronJob `<id>-<minute>-<suffix>`,
 * StatefulSet `<id>-<ordinal>`, DaemonSet or Job `<id>-<suffix>`.
 */
export function podPattern(workload: string): string {
  const name = workload.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `${name}-(${SAFE}{6,10}-${SAFE}{5}|[0-9]{8,}-${SAFE}{5}|[0-9]+|${SAFE}{5})`;
}

/**
 * What is read for a workload, from cAdvisor and kube-state-metrics; rates
 * and increases over `window`, so that together they cover every step.
 */
const SERIES: Array<{
  metric: string;
  unit: string;
  query: (pods: string, window: string) => string;
}> = [
  {
    metric: 'container_cpu_usage_cores',
    unit: 'cores',
    query: (pods, window) =>
      `sum(rate(container_cpu_usage_seconds_total{${RUNNING}, ${pods}}[${window}]))`,
  },
  {
    metric: 'container_memory_working_set_bytes',
    unit: 'bytes',
    query: pods =>
      `sum(container_memory_working_set_bytes{${RUNNING}, ${pods}})`,
  },
  {
    metric: 'container_cpu_throttled_ratio',
    unit: 'ratio',
    query: (pods, window) =>
      `sum(rate(container_cpu_cfs_throttled_periods_total{${RUNNING}, ${pods}}[${window}])) / sum(rate(container_cpu_cfs_periods_total{${RUNNING}, ${pods}}[${window}]))`,
  },
  {
    metric: 'kube_pod_container_restarts',
    unit: 'restarts',
    query: (pods, window) =>
      `sum(increase(kube_pod_container_status_restarts_total{${pods}}[${window}]))`,
  },
];

/**
 * The configured cluster a signal came from: its account (the cluster the
 * source or the receiver is configured for), else its `cluster` label when
 * that names a configured cluster.
 */
function clusterOf(
  signal: RcaSeriesRequest['signals'][number],
  configured: ReadonlySet<string>,
): string | undefined {
  return [signal.account, signal.labels.cluster].find(
    (c): c is string => c !== undefined && configured.has(c),
  );
}

/**
 * Series evidence for the RCA of incidents that come from Prometheus or
 * Alertmanager: for each candidate entity with a `backstage.io/kubernetes-id`
 * (in its `backstage.io/kubernetes-namespace`, on the clusters
 * `cloudops.ai/kubernetes-clusters` allows), its workload's CPU, memory,
 * CPU throttling and restarts around the incident, read through
 * `prometheusSeriesServiceRef` from the Prometheus of the clusters the
 * incident's signals came from, at the engine's step. A few queries run at a
 * time; one that fails (a cluster down, a query refused) is logged and the
 * others' series are kept.
 */
export class PrometheusRcaSeries implements RcaSeriesProvider {
  readonly id = 'prometheus';

  constructor(
    private readonly deps: {
      series: PrometheusSeriesService;
      logger: LoggerService;
    },
  ) {}

  async collect(request: RcaSeriesRequest): Promise<RcaSeries[]> {
    const configured = new Set(this.deps.series.clusters());
    const clusters = [
      ...new Set(
        request.signals
          .filter(s => PROMETHEUS_SOURCES.has(s.source))
          .map(s => clusterOf(s, configured))
          .filter((c): c is string => c !== undefined),
      ),
    ].sort();
    if (clusters.length === 0) return [];

    const from = request.from.getTime();
    const stepMs = request.stepMs ?? defaultStepMs(from, request.to.getTime());
    const to = Math.min(request.to.getTime(), from + MAX_STEPS * stepMs);
    const window = `${Math.ceil(Math.max(MIN_WINDOW_MS, stepMs) / 1000)}s`;
    const reads: Array<{ what: string; read: () => Promise<RcaSeries[]> }> = [];
    for (const { ref, annotations } of request.entities) {
      const workload = annotations['backstage.io/kubernetes-id'];
      if (!workload) continue;
      const namespace = annotations['backstage.io/kubernetes-namespace'];
      const allowed = annotations['cloudops.ai/kubernetes-clusters']
        ?.split(/[\s,]+/)
        .filter(Boolean);
      const pods = [
        `pod=~${JSON.stringify(podPattern(workload))}`,
        ...(namespace ? [`namespace=${JSON.stringify(namespace)}`] : []),
      ].join(', ');
      for (const cluster of clusters) {
        if (allowed && !allowed.includes(cluster)) continue;
        for (const { metric, unit, query } of SERIES) {
          reads.push({
            what: `${metric} of ${ref} on cluster ${cluster}`,
            read: async () =>
              (
                await this.deps.series.readRange({
                  cluster,
                  query: query(pods, window),
                  start: new Date(from),
                  end: new Date(to),
                  stepMs,
                  signal: request.signal,
                })
              ).map(range => ({
                entityRef: ref,
                metric: clusters.length > 1 ? `${metric}@${cluster}` : metric,
                unit,
                points: range.points,
              })),
          });
        }
      }
    }
    const settled = await settleWithConcurrency(
      reads.map(r => r.read),
      CONCURRENCY,
      request.signal,
    );
    const failed = settled.flatMap((result, i) =>
      result.status === 'rejected'
        ? [
            `${reads[i].what}: ${String(
              result.reason?.message ?? result.reason,
            )}`,
          ]
        : [],
    );
    if (failed.length > 0) {
      this.deps.logger.warn(
        `RCA of incident ${request.incidentId}: ${failed.length} of ${
          reads.length
        } Prometheus series not read: ${failed
          .slice(0, FAILURES_NAMED)
          .join('; ')}${failed.length > FAILURES_NAMED ? '; …' : ''}`,
      );
    }
    return settled.flatMap(result =>
      result.status === 'fulfilled' ? result.value : [],
    );
  }
}
