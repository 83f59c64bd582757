import { SeriesPoint } from '../../detectors';
import { HOURS_PER_MONTH, PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import {
  chartSeries,
  DAY_MS,
  money,
  pointsIn,
  round,
  spanDays,
} from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

const GIB = 2 ** 30;

/**
 * A Kubernetes node: what it offers, what is requested on it, what is used.
 *
 * @public
 */
export interface KubernetesNodeUsage {
  cluster: string;
  node: string;
  instanceType?: string;
  nodePool?: string;
  allocatableCpuCores: number;
  allocatableMemoryBytes: number;
  requestedCpuCores: number;
  requestedMemoryBytes: number;
  /** Pods on it that no DaemonSet owns. */
  workloadPods: number;
  /** CPU used on the node, cores. */
  cpu: readonly SeriesPoint[];
  /** Memory working set on the node, bytes. */
  memory: readonly SeriesPoint[];
}

/**
 * A node whose CPU and memory peaks stayed at or below 10% of what it offers
 * for 7 days (or that runs no workload pod), and whose requests are below
 * Cluster Autoscaler's 50% scale-down threshold, so its pods fit elsewhere.
 * Recommends draining and removing it.
 *
 * @public
 */
export function detectIdleNode(
  node: KubernetesNodeUsage,
  prices: PriceList | undefined,
  now: Date,
  thresholds: SavingsThresholds['kubernetesIdleNode'] = DEFAULT_SAVINGS_THRESHOLDS.kubernetesIdleNode,
): WasteFinding | undefined {
  const to = now.getTime();
  const from = to - thresholds.days * DAY_MS;
  const cpu = pointsIn(node.cpu, from, to);
  const memory = pointsIn(node.memory, from, to);
  if (spanDays(cpu) < thresholds.days * 0.9) return undefined;
  const cpuPeak = Math.max(...cpu.map(p => p.value)) / node.allocatableCpuCores;
  const memoryPeak = memory.length
    ? Math.max(...memory.map(p => p.value)) / node.allocatableMemoryBytes
    : 1;
  const requested = Math.max(
    node.requestedCpuCores / node.allocatableCpuCores,
    node.requestedMemoryBytes / node.allocatableMemoryBytes,
  );
  const lowUsage =
    cpuPeak * 100 <= thresholds.cpuPercent &&
    memoryPeak * 100 <= thresholds.memoryPercent;
  if (requested * 100 >= thresholds.requestPercent) return undefined;
  if (!lowUsage && node.workloadPods > 0) return undefined;

  const { monthly, priced } = prices?.kubernetesNodeMonthly(node) ?? {
    monthly: 0,
    priced: false,
  };
  const currency = prices?.currency ?? 'USD';
  return {
    kind: 'kubernetes-idle-node',
    resource: {
      id: `k8s:${node.cluster}/node/${node.node}`,
      type: 'k8s:node',
      name: node.node,
      cluster: node.cluster,
      labels: node.nodePool ? { nodepool: node.nodePool } : {},
    },
    title: `Idle node ${node.node} in ${node.cluster}`,
    current: {
      description: `${node.instanceType ?? 'node'} (${
        node.allocatableCpuCores
      } cores, ${round(node.allocatableMemoryBytes / GIB, 1)} GiB)`,
      monthlyCost: monthly,
      spec: {
        node: node.node,
        ...(node.instanceType ? { instanceType: node.instanceType } : {}),
      },
    },
    recommended: {
      action: 'terminate',
      description: 'Drained and removed; its pods move to other nodes',
      monthlyCost: 0,
      spec: { drain: true },
    },
    monthlySavings: monthly,
    currency,
    confidence: round(priced ? 0.9 : 0.75),
    evidence: {
      summary: [
        node.workloadPods === 0
          ? `No workload pods (only DaemonSets).`
          : `Peak CPU ${round(cpuPeak * 100, 1)}% and peak memory ${round(
              memoryPeak * 100,
              1,
            )}% of allocatable over ${thresholds.days} days (threshold ${
              thresholds.cpuPercent
            }% / ${thresholds.memoryPercent}%).`,
        `Requests use ${round(
          requested * 100,
          1,
        )}% of it, below Cluster Autoscaler's ${
          thresholds.requestPercent
        }% scale-down threshold.`,
        `Removing it saves ${money(monthly, currency)} a month${
          priced ? '' : ' (priced from OpenCost’s default unit prices)'
        }.`,
      ],
      charts: [
        {
          title: 'Node CPU used',
          unit: 'cores',
          kind: 'line',
          series: [chartSeries('CPU', cpu)],
          thresholds: [
            { label: 'allocatable', value: node.allocatableCpuCores },
            {
              label: 'idle',
              value: round(
                (node.allocatableCpuCores * thresholds.cpuPercent) / 100,
                3,
              ),
            },
          ],
        },
        {
          title: 'Node memory used',
          unit: 'GiB',
          kind: 'line',
          series: [chartSeries('memory', memory, 1 / GIB)],
          thresholds: [
            {
              label: 'allocatable',
              value: round(node.allocatableMemoryBytes / GIB, 2),
            },
          ],
        },
      ],
      metrics: {
        cpuPeakShare: round(cpuPeak, 4),
        memoryPeakShare: round(memoryPeak, 4),
        requestedShare: round(requested, 4),
        hourlyCost: round(monthly / HOURS_PER_MONTH, 4),
      },
    },
    remediationParameters: { cluster: node.cluster, node: node.node },
  };
}
