import { PromSeries } from '../prometheus/PrometheusClient';

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
