import { PrometheusClient, PromSeries } from '../prometheus/PrometheusClient';

/** The query of a cluster's node inventory (kube-state-metrics). */
export const NODE_INVENTORY_QUERY = 'kube_node_labels';

/**
 * What a node's labels say, as kube-state-metrics exposes them in
 * `kube_node_labels` (a label `a.b/c-d` becomes `label_a_b_c_d`; only the
 * labels allowed by `--metric-labels-allowlist=nodes=[…]` are there).
 */
export interface NodeLabels {
  instanceType?: string;
  region?: string;
  /** The Karpenter NodePool (`karpenter.sh/nodepool`). */
  nodePool?: string;
}

const first = (labels: Record<string, string>, names: string[]) =>
  names.map(n => labels[n]).find(v => v !== undefined && v !== '');

/** Each node's instance type, region and Karpenter NodePool from `kube_node_labels`. */
export function nodeLabels(series: PromSeries[]): Map<string, NodeLabels> {
  const nodes = new Map<string, NodeLabels>();
  for (const { labels } of series) {
    if (!labels.node) continue;
    nodes.set(labels.node, {
      instanceType: first(labels, [
        'label_node_kubernetes_io_instance_type',
        'label_beta_kubernetes_io_instance_type',
      ]),
      region: first(labels, [
        'label_topology_kubernetes_io_region',
        'label_failure_domain_beta_kubernetes_io_region',
      ]),
      nodePool: first(labels, ['label_karpenter_sh_nodepool']),
    });
  }
  return nodes;
}

/**
 * The cluster's nodes and their labels at `time`, from kube-state-metrics.
 * A cluster always has nodes: none at all means kube-state-metrics is not
 * there (down, or not scraped), so this throws rather than let a scan find
 * no waste and expire the cluster's opportunities.
 */
export async function readNodeLabels(
  client: PrometheusClient,
  cluster: string,
  time: number,
  signal?: AbortSignal,
): Promise<Map<string, NodeLabels>> {
  const nodes = nodeLabels(
    await client.query({ query: NODE_INVENTORY_QUERY, time, signal }),
  );
  if (nodes.size === 0) {
    throw new Error(
      `Cluster ${cluster}: ${NODE_INVENTORY_QUERY} returned no nodes; is kube-state-metrics running and scraped by this Prometheus? ` +
        `The scan is failed so the cluster's opportunities stay as they are`,
    );
  }
  return nodes;
}

/** The value found most often (ties: the first in sort order), if any. */
export function mostCommon(
  values: Array<string | undefined>,
): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  )[0]?.[0];
}
