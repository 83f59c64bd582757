import {
  DAY_MS,
  detectIdleNode,
  detectKarpenterConsolidation,
  KarpenterNodePool,
  KubernetesNodeUsage,
  PostChangeObservation,
  WasteDetector,
  WasteDetectorContext,
  WasteFinding,
  WasteObservationContext,
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
import { readNodeLabels } from './nodeLabels';
import { observeNodes } from './observeNodes';
import { observationLookbackMs } from './observationLookback';
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
    const { now, thresholds } = context;
    const { prices, usages, pools } = await this.read(
      context,
      thresholds.kubernetesIdleNode.days * DAY_MS,
    );
    const findings = usages.flatMap(usage => {
      const finding = detectIdleNode(
        usage,
        prices,
        now,
        thresholds.kubernetesIdleNode,
      );
      return finding ? [finding] : [];
    });
    for (const pool of pools) {
      const finding = detectKarpenterConsolidation(
        pool,
        prices,
        thresholds.karpenter,
      );
      if (finding) findings.push(finding);
    }
    return findings;
  }

  /**
   * Measures merged changes: an idle node is gone (it costs for the part of
   * the window it still ran), a NodePool consolidates (its nodes' cost).
   */
  async observe(
    context: WasteObservationContext,
  ): Promise<PostChangeObservation[]> {
    if (context.opportunities.length === 0) return [];
    const { prices, usages, gone, pools } = await this.read(
      context,
      observationLookbackMs(context, this.options.stepMs),
    );
    return observeNodes(context, { present: usages, gone }, pools, prices);
  }

  /** The cluster's nodes with their usage over the look-back, its NodePools and its prices. */
  private async read(context: WasteDetectorContext, lookbackMs: number) {
    const { shard, signal, now } = context;
    if (!shard) throw new Error(`${this.id} runs per cluster shard`);
    const client = this.clusters.client(shard);
    const { stepMs } = this.options;
    const end = Math.floor(now.getTime() / stepMs) * stepMs;
    const at = (query: string) => client.query({ query, time: end, signal });
    const [nodes, allocatable, requested, pods, disruption] = await Promise.all(
      [
        readNodeLabels(client, shard, end, signal),
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
      ],
    );
    const prices = await clusterPrices(context, this.clusters, shard, nodes);
    const byResource = (l: Record<string, string>) => key(l.node, l.resource);
    const offered = valuesBy(allocatable, byResource);
    const asked = valuesBy(requested, byResource);
    const podCount = valuesBy(pods, l => l.node);

    const range = { start: end - lookbackMs, end, stepMs, signal };
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
    const names = new Set(
      [...allocatable, ...cpu].map(s => s.labels.node).filter(Boolean),
    );
    for (const node of names) {
      const cpuCores = offered.get(key(node, 'cpu'));
      const memoryBytes = offered.get(key(node, 'memory'));
      usages.push({
        cluster: shard,
        node,
        instanceType: nodes.get(node)?.instanceType,
        nodePool: nodes.get(node)?.nodePool,
        allocatableCpuCores: cpuCores ?? 0,
        allocatableMemoryBytes: memoryBytes ?? 0,
        requestedCpuCores: asked.get(key(node, 'cpu')) ?? 0,
        requestedMemoryBytes: asked.get(key(node, 'memory')) ?? 0,
        workloadPods: podCount.get(node) ?? 0,
        cpu: pointsOf(cpu, node),
        memory: pointsOf(memory, node),
      });
    }
    const present = usages.filter(
      u => u.allocatableCpuCores > 0 && u.allocatableMemoryBytes > 0,
    );
    const poolsNow: KarpenterNodePool[] = disruption.map(
      ({ labels: pool }) => ({
        cluster: shard,
        name: pool.nodepool,
        consolidationPolicy: pool.consolidation_policy || undefined,
        consolidateAfter: pool.consolidate_after || undefined,
        nodes: present
          .filter(u => u.nodePool === pool.nodepool)
          .map(u => ({
            node: u.node,
            instanceType: u.instanceType,
            allocatableCpuCores: u.allocatableCpuCores,
            allocatableMemoryBytes: u.allocatableMemoryBytes,
            requestedCpuCores: u.requestedCpuCores,
            requestedMemoryBytes: u.requestedMemoryBytes,
          })),
      }),
    );
    // Nodes gone by the end of the window ran part of it: observation needs them.
    return {
      prices,
      usages: present,
      gone: usages.filter(u => !present.includes(u)),
      pools: poolsNow,
    };
  }
}
