import { key } from '../kubernetes/KubernetesUsage';
import { PrometheusClient } from '../prometheus/PrometheusClient';

/** A Deployment's or StatefulSet's replicas and its HPA, if it has one. */
export interface WorkloadScaling {
  replicas: number;
  hpa?: { name: string; minReplicas: number; maxReplicas: number };
}

/**
 * The desired replicas of every Deployment and StatefulSet and the
 * HorizontalPodAutoscaler that targets it, from kube-state-metrics
 * (`kube_deployment_spec_replicas`, `kube_statefulset_replicas`,
 * `kube_horizontalpodautoscaler_info` and its `spec_min/max_replicas`), by
 * `key(namespace, kind, name)`.
 */
export async function readScaling(
  client: PrometheusClient,
  time: number,
  signal?: AbortSignal,
): Promise<Map<string, WorkloadScaling>> {
  const at = (query: string) => client.query({ query, time, signal });
  const [deployments, statefulSets, hpas, mins, maxes] = await Promise.all([
    at('max by (namespace, deployment) (kube_deployment_spec_replicas)'),
    at('max by (namespace, statefulset) (kube_statefulset_replicas)'),
    at(
      'max by (namespace, horizontalpodautoscaler, scaletargetref_kind, scaletargetref_name) (kube_horizontalpodautoscaler_info)',
    ),
    at(
      'max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_min_replicas)',
    ),
    at(
      'max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas)',
    ),
  ]);
  const value = (points: Array<{ value: number }>) =>
    points[points.length - 1]?.value;
  const scaling = new Map<string, WorkloadScaling>();
  for (const s of deployments) {
    const replicas = value(s.points);
    if (replicas !== undefined) {
      scaling.set(key(s.labels.namespace, 'Deployment', s.labels.deployment), {
        replicas,
      });
    }
  }
  for (const s of statefulSets) {
    const replicas = value(s.points);
    if (replicas !== undefined) {
      scaling.set(
        key(s.labels.namespace, 'StatefulSet', s.labels.statefulset),
        { replicas },
      );
    }
  }
  const hpaValue = (series: typeof mins, namespace: string, name: string) =>
    value(
      series.find(
        s =>
          s.labels.namespace === namespace &&
          s.labels.horizontalpodautoscaler === name,
      )?.points ?? [],
    );
  for (const { labels } of hpas) {
    const target = scaling.get(
      key(
        labels.namespace,
        labels.scaletargetref_kind,
        labels.scaletargetref_name,
      ),
    );
    const name = labels.horizontalpodautoscaler;
    const minReplicas = hpaValue(mins, labels.namespace, name) ?? 1;
    const maxReplicas = hpaValue(maxes, labels.namespace, name);
    if (target && maxReplicas !== undefined) {
      target.hpa = { name, minReplicas, maxReplicas };
    }
  }
  return scaling;
}
