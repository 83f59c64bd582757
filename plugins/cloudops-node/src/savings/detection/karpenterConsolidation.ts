import { PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import { money, round } from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

const GIB = 2 ** 30;

/**
 * A Karpenter NodePool (v1: `spec.disruption`; v1alpha5 Provisioner:
 * `consolidation.enabled`) and its nodes.
 *
 * @public
 */
export interface KarpenterNodePool {
  cluster: string;
  name: string;
  /** `WhenEmptyOrUnderutilized` (v1), `WhenUnderutilized` (v1beta1), `WhenEmpty`. */
  consolidationPolicy?: string;
  /** `Never` turns consolidation off. */
  consolidateAfter?: string;
  /** v1alpha5 Provisioners. */
  consolidationEnabled?: boolean;
  nodes: Array<{
    node: string;
    instanceType?: string;
    allocatableCpuCores: number;
    allocatableMemoryBytes: number;
    requestedCpuCores: number;
    requestedMemoryBytes: number;
  }>;
}

/**
 * Whether a NodePool leaves under-used nodes running: consolidation off,
 * `consolidateAfter: Never`, or `WhenEmpty` only.
 *
 * @public
 */
export function consolidationDisabled(
  pool: KarpenterNodePool,
): string | undefined {
  if (pool.consolidationEnabled === false)
    return 'consolidation.enabled is false';
  if (pool.consolidateAfter === 'Never') return 'consolidateAfter is Never';
  if (pool.consolidationPolicy === 'WhenEmpty') {
    return 'consolidationPolicy is WhenEmpty (only empty nodes are removed)';
  }
  return undefined;
}

/**
 * A NodePool with consolidation disabled whose requests would fit on fewer
 * nodes packed to `packing`: the nodes it could give back, at their average
 * price.
 *
 * @public
 */
export function detectKarpenterConsolidation(
  pool: KarpenterNodePool,
  prices: PriceList | undefined,
  thresholds: SavingsThresholds['karpenter'] = DEFAULT_SAVINGS_THRESHOLDS.karpenter,
): WasteFinding | undefined {
  const reason = consolidationDisabled(pool);
  const count = pool.nodes.length;
  if (!reason || count < 2) return undefined;
  const total = (f: (n: KarpenterNodePool['nodes'][number]) => number) =>
    pool.nodes.reduce((s, n) => s + f(n), 0);
  const cpuPerNode = total(n => n.allocatableCpuCores) / count;
  const memoryPerNode = total(n => n.allocatableMemoryBytes) / count;
  const needed = Math.max(
    1,
    Math.ceil(
      total(n => n.requestedCpuCores) / (cpuPerNode * thresholds.packing),
    ),
    Math.ceil(
      total(n => n.requestedMemoryBytes) / (memoryPerNode * thresholds.packing),
    ),
  );
  const freed = count - needed;
  if (freed < 1) return undefined;

  const nodeMonthly = pool.nodes.map(
    n => prices?.kubernetesNodeMonthly(n).monthly ?? 0,
  );
  const poolMonthly = nodeMonthly.reduce((a, b) => a + b, 0);
  const savings = freed * (poolMonthly / count);
  const currency = prices?.currency ?? 'USD';
  return {
    kind: 'karpenter-consolidation',
    resource: {
      id: `k8s:${pool.cluster}/nodepool/${pool.name}`,
      type: 'karpenter:nodepool',
      name: pool.name,
      cluster: pool.cluster,
      labels: { nodepool: pool.name },
    },
    title: `Karpenter NodePool ${pool.name} does not consolidate`,
    current: {
      description: `${count} nodes; ${reason}`,
      monthlyCost: poolMonthly,
      spec: {
        consolidationPolicy: pool.consolidationPolicy ?? 'unset',
        consolidateAfter: pool.consolidateAfter ?? 'unset',
      },
    },
    recommended: {
      action: 'configure',
      description: `consolidationPolicy WhenEmptyOrUnderutilized: about ${needed} nodes`,
      monthlyCost: poolMonthly - savings,
      spec: {
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '1m',
      },
    },
    monthlySavings: savings,
    currency,
    confidence: 0.7,
    evidence: {
      summary: [
        `Consolidation is off: ${reason}.`,
        `Its pods request ${round(
          total(n => n.requestedCpuCores),
          2,
        )} cores and ${round(
          total(n => n.requestedMemoryBytes) / GIB,
          1,
        )} GiB, which fit on ${needed} of its ${count} nodes packed to ${
          thresholds.packing * 100
        }%.`,
        `Consolidating frees about ${freed} nodes: ${money(
          savings,
          currency,
        )} a month.`,
      ],
      charts: [
        {
          title: 'Requested share of each node',
          unit: '%',
          kind: 'bar',
          categories: pool.nodes.map(n => n.node),
          series: [
            {
              name: 'CPU requested',
              points: pool.nodes.map((n, i) => ({
                t: i,
                v: round(
                  (100 * n.requestedCpuCores) / n.allocatableCpuCores,
                  1,
                ),
              })),
            },
          ],
        },
      ],
      metrics: { nodes: count, neededNodes: needed, freedNodes: freed },
    },
    remediationParameters: {
      cluster: pool.cluster,
      nodePool: pool.name,
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
    },
  };
}
