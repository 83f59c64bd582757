import {
  RcaSeries,
  RcaSeriesProvider,
  RcaSeriesRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { RUNNING } from '../kubernetes/KubernetesUsage';
import { PrometheusSeriesService } from '../prometheus/PrometheusSeries';

/** The sources whose incidents come from a cluster's Prometheus. */
const PROMETHEUS_SOURCES = new Set(['prometheus', 'alertmanager']);

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

/** What is read for a workload, from cAdvisor and kube-state-metrics. */
const SERIES: Array<{
  metric: string;
  unit: string;
  query: (pods: string) => string;
}> = [
  {
    metric: 'container_cpu_usage_cores',
    unit: 'cores',
    query: pods =>
      `sum(rate(container_cpu_usage_seconds_total{${RUNNING}, ${pods}}[5m]))`,
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
    query: pods =>
      `sum(rate(container_cpu_cfs_throttled_periods_total{${RUNNING}, ${pods}}[5m])) / sum(rate(container_cpu_cfs_periods_total{${RUNNING}, ${pods}}[5m]))`,
  },
  {
    metric: 'kube_pod_container_restarts',
    unit: 'restarts',
    query: pods =>
      `sum(increase(kube_pod_container_status_restarts_total{${pods}}[5m]))`,
  },
];

/**
 * Series evidence for the RCA of incidents that come from Prometheus or
 * Alertmanager: for each candidate entity with a `backstage.io/kubernetes-id`
 * (in its `backstage.io/kubernetes-namespace`, on the clusters
 * `cloudops.ai/kubernetes-clusters` allows), its workload's CPU, memory,
 * CPU throttling and restarts around the incident, read through
 * `prometheusSeriesServiceRef` from the Prometheus of the clusters the
 * incident's signals came from.
 */
export class PrometheusRcaSeries implements RcaSeriesProvider {
  readonly id = 'prometheus';

  constructor(private readonly series: PrometheusSeriesService) {}

  async collect(request: RcaSeriesRequest): Promise<RcaSeries[]> {
    const configured = new Set(this.series.clusters());
    const clusters = [
      ...new Set(
        request.signals
          .filter(s => PROMETHEUS_SOURCES.has(s.source))
          .map(s => s.labels.cluster ?? s.account)
          .filter((c): c is string => c !== undefined && configured.has(c)),
      ),
    ].sort();
    if (clusters.length === 0) return [];

    const reads: Array<Promise<RcaSeries[]>> = [];
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
          reads.push(
            this.series
              .readRange({
                cluster,
                query: query(pods),
                start: request.from,
                end: request.to,
                signal: request.signal,
              })
              .then(ranges =>
                ranges.map(range => ({
                  entityRef: ref,
                  metric: clusters.length > 1 ? `${metric}@${cluster}` : metric,
                  unit,
                  points: range.points,
                })),
              ),
          );
        }
      }
    }
    return (await Promise.all(reads)).flat();
  }
}
