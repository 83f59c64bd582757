import {
  PriceList,
  WasteDetectorContext,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';
import { mostCommon, NodeLabels } from './nodeLabels';

/**
 * The price list of a cluster's region: the region most of its nodes are
 * labelled with (`topology.kubernetes.io/region`), else the cluster's
 * configured `region`; nodes are priced by their instance-type label.
 *
 * @throws Error saying what to configure when neither says the region, or
 *   no price is known for it
 */
export async function clusterPrices(
  context: WasteDetectorContext,
  clusters: PrometheusClusters,
  cluster: string,
  nodes: Map<string, NodeLabels>,
): Promise<PriceList> {
  const region =
    mostCommon([...nodes.values()].map(n => n.region)) ??
    clusters.region(cluster);
  if (!region) {
    throw new Error(
      `Cluster ${cluster}: no node has a topology.kubernetes.io/region label in kube_node_labels; ` +
        `allow it in kube-state-metrics (--metric-labels-allowlist=nodes=[topology.kubernetes.io/region,node.kubernetes.io/instance-type,karpenter.sh/nodepool]) ` +
        `or set cloudops.prometheus.clusters[].region`,
    );
  }
  const prices = await context.prices(region);
  if (!prices) {
    throw new Error(
      `Cluster ${cluster}: no prices are known for region ${region}`,
    );
  }
  return prices;
}
