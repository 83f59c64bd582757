import {
  DAY_MS,
  detectIdleNode,
  detectKarpenterConsolidation,
  KarpenterNodePool,
  KubernetesNodeUsage,
  WasteDetector,
  WasteDetectorContext,
  WasteFinding,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { WasteOptions } from '../config';
import {
  duration,
  key,
  RUNNING,
  valuesBy,
} from '../kubernetes/KubernetesUsage';
import { queryRangeChunked } from '../prometheus/chunkedRange';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';
import { clusterPrices } from './clusterPrices';
import { nodeLabels } from './nodeLabels';
import { wasteSchedule } from './wasteSchedule';

/**
 * The kube-state-metrics custom-resource metric of a Karpenter NodePool's
 * disruption settings (see `examples/prometheus/kube-state-metrics-karpenter.yaml`).
 */
export const NODEPOOL_DISRUPTION_METRIC =
  'kube_customresource_karpenter_nodepool_disruption';

/**
 * Kubernetes nodes, one shard per cluster: idle nodes (CPU and memory peaks
 * under 10% of allocatable for 7 days, or only DaemonSet pods, with
 * requests under Cluster Autoscaler's 50%) and Karpenter NodePools whose
 * consolidation is off while their requests fit on fewer nodes. Nodes come
 * from kube-state-metrics (`kube_node_status_allocatable`,
 * `kube_node_labels`, `kube_pod_info`), usage from cAdvisor, NodePools'
 * disruption settings from kube-state-metrics' custom-resource state.
 */
export class KubernetesNodesDetector implements WasteDetector {
  readonly id = 'kubernetes-nodes';
  readonly schedule;

  constructor(
    private readonly clusters: PrometheusClusters,
    private readonly options: WasteOptions,
  ) {
    this.schedule = wasteSchedule(options);
  }

  async shards(): Promise<string[]> {
    return this.clusters.names();
  }

  async detect(context: WasteDetectorContext): Promise<WasteFinding[]> {
    const { shard, signal, now, thresholds } = context;
    if (!shard) throw new Error(`${this.id} runs per cluster shard`);
    const client = this.clusters.client(shard);
    const { stepMs } = this.options;
    const end = Math.floor(now.getTime() / stepMs) * stepMs;
    const at = (query: string) => client.query({ query, time: end, signal });
    const [labels, allocatable, requested, pods, pools] = await Promise.all([
      at('kube_node_labels'),
      at(
        'max by (node, resource) (kube_node_status_allocatable{resource=~"cpu|memory"})',
      ),
      at(
        'sum by (node, resource) (kube_pod_container_resource_requests{resource=~"cpu|memory"})',
      ),
      at(
        'count by (node) (kube_pod_info{node!="", created_by_kind!="DaemonSet"})',
      ),
      at(
        `max by (nodepool, consolidation_policy, consolidate_after) (${NODEPOOL_DISRUPTION_METRIC})`,
      ),
    ]);
    const nodes = nodeLabels(labels);
    const prices = await clusterPrices(context, this.clusters, shard, nodes);
    const byResource = (l: Record<string, string>) => key(l.node, l.resource);
    const offered = valuesBy(allocatable, byResource);
    const asked = valuesBy(requested, byResource);
    const podCount = valuesBy(pods, l => l.node);

    const range = {
      start: end - thresholds.kubernetesIdleNode.days * DAY_MS,
      end,
      stepMs,
      signal,
    };
    const rateWindow = duration(Math.max(stepMs, 300_000));
    const [cpu, memory] = [
      await queryRangeChunked(client, {
        ...range,
        query: `sum by (node) (rate(container_cpu_usage_seconds_total{${RUNNING}}[${rateWindow}]))`,
      }),
      await queryRangeChunked(client, {
        ...range,
        query: `sum by (node) (container_memory_working_set_bytes{${RUNNING}})`,
      }),
    ];
    const pointsOf = (series: typeof cpu, node: string) =>
      series.find(s => s.labels.node === node)?.points ?? [];

    const usages: KubernetesNodeUsage[] = [];
    for (const node of new Set(allocatable.map(s => s.labels.node))) {
      const cpuCores = offered.get(key(node, 'cpu'));
      const memoryBytes = offered.get(key(node, 'memory'));
      if (!cpuCores || !memoryBytes) continue;
      usages.push({
        cluster: shard,
        node,
        instanceType: nodes.get(node)?.instanceType,
        nodePool: nodes.get(node)?.nodePool,
        allocatableCpuCores: cpuCores,
        allocatableMemoryBytes: memoryBytes,
        requestedCpuCores: asked.get(key(node, 'cpu')) ?? 0,
        requestedMemoryBytes: asked.get(key(node, 'memory')) ?? 0,
        workloadPods: podCount.get(node) ?? 0,
        cpu: pointsOf(cpu, node),
        memory: pointsOf(memory, node),
      });
    }
    const findings = usages.flatMap(usage => {
      const finding = detectIdleNode(
        usage,
        prices,
        now,
        thresholds.kubernetesIdleNode,
      );
      return finding ? [finding] : [];
    });

    for (const { labels: pool } of pools) {
      const nodePool: KarpenterNodePool = {
        cluster: shard,
        name: pool.nodepool,
        consolidationPolicy: pool.consolidation_policy || undefined,
        consolidateAfter: pool.consolidate_after || undefined,
        nodes: usages
          .filter(u => u.nodePool === pool.nodepool)
          .map(u => ({
            node: u.node,
            instanceType: u.instanceType,
            allocatableCpuCores: u.allocatableCpuCores,
            allocatableMemoryBytes: u.allocatableMemoryBytes,
            requestedCpuCores: u.requestedCpuCores,
            requestedMemoryBytes: u.requestedMemoryBytes,
          })),
      };
      const finding = detectKarpenterConsolidation(
        nodePool,
        prices,
        thresholds.karpenter,
      );
      if (finding) findings.push(finding);
    }
    return findings;
  }
}
