import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { PromSeries } from '../prometheus/PrometheusClient';

/** What Kubernetes object a series is about: `namespace/pod`, or a node. */
export function kubernetesResource(
  labels: Record<string, string>,
): string | undefined {
  if (labels.namespace && labels.pod)
    return `${labels.namespace}/${labels.pod}`;
  return labels.node ?? undefined;
}

/**
 * One metric signal per point of each series, named `name`, from `cluster`
 * (its account; and the cluster's environment as the `environment` label
 * when the series has none).
 */
export function seriesToSignals(
  series: PromSeries[],
  options: { name: string; cluster: string; environment?: string },
): SignalInput[] {
  const { name, cluster, environment } = options;
  return series.flatMap(({ labels: seriesLabels, points }) => {
    const labels =
      environment && !seriesLabels.environment
        ? { ...seriesLabels, environment }
        : seriesLabels;
    const resource = kubernetesResource(labels);
    return points.map(point => ({
      source: 'prometheus',
      kind: 'metric' as const,
      name,
      timestamp: new Date(point.timestamp).toISOString(),
      value: point.value,
      account: cluster,
      resource,
      labels,
    }));
  });
}
