import { SeriesPoint } from '../../detectors';
import { PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import { kubernetesWorkloadResource } from './kubernetesResource';
import {
  chartSeries,
  DAY_MS,
  mean,
  money,
  pointsIn,
  round,
  spanDays,
} from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

const GIB = 2 ** 30;

/**
 * A scalable workload, its HorizontalPodAutoscaler (if any) and its total
 * CPU usage.
 *
 * @public
 */
export interface KubernetesScalingInput {
  cluster: string;
  namespace: string;
  workloadKind: 'Deployment' | 'StatefulSet';
  workloadName: string;
  replicas: number;
  hpa?: { minReplicas: number; maxReplicas: number };
  /** Requests of one pod (all its containers). */
  podCpuRequestCores: number;
  podMemoryRequestBytes: number;
  nodeInstanceType?: string;
  labels?: Record<string, string>;
  /** CPU used by all the workload's pods together, cores. */
  cpu: readonly SeriesPoint[];
}

/**
 * A workload with no HPA, or one whose minimum equals its maximum, runs a
 * fixed number of replicas. Replays its CPU usage through the HPA's rule
 * (desired = ⌈used / (request × target)⌉, at least `minReplicas`) and flags
 * it when the replicas saved on average are worth it.
 *
 * @public
 */
export function detectHpaWaste(
  input: KubernetesScalingInput,
  prices: PriceList,
  now: Date,
  thresholds: SavingsThresholds['kubernetesHpa'] = DEFAULT_SAVINGS_THRESHOLDS.kubernetesHpa,
  lookbackDays = 8,
): WasteFinding | undefined {
  const fixed = !input.hpa || input.hpa.minReplicas === input.hpa.maxReplicas;
  if (!fixed || input.podCpuRequestCores <= 0) return undefined;
  const replicas = input.hpa?.minReplicas ?? input.replicas;
  if (replicas <= thresholds.minReplicas) return undefined;
  const to = now.getTime();
  const cpu = pointsIn(input.cpu, to - lookbackDays * DAY_MS, to);
  if (spanDays(cpu) < 1) return undefined;

  const perPod = input.podCpuRequestCores * (thresholds.targetCpuPercent / 100);
  const desired = cpu.map(p =>
    Math.max(thresholds.minReplicas, Math.ceil(p.value / perPod)),
  );
  const averageDesired = mean(desired);
  const peakDesired = Math.max(...desired);
  const saved = replicas - averageDesired;
  if (saved < 0.5) return undefined;

  const unit = prices.kubernetesUnitMonthly(input.nodeInstanceType);
  const podMonthly =
    input.podCpuRequestCores * unit.cpuCore +
    (input.podMemoryRequestBytes / GIB) * unit.memoryGiB;
  const savings = saved * podMonthly;
  const recommendedMax = Math.max(replicas, peakDesired);
  const resource = kubernetesWorkloadResource(input);
  return {
    kind: 'kubernetes-hpa',
    resource,
    title: input.hpa
      ? `HPA of ${resource.name} cannot scale (min = max = ${replicas})`
      : `${resource.name} has no HPA (${replicas} fixed replicas)`,
    current: {
      description: input.hpa
        ? `HPA min ${input.hpa.minReplicas}, max ${input.hpa.maxReplicas}`
        : `${replicas} replicas, no HPA`,
      monthlyCost: replicas * podMonthly,
      spec: { minReplicas: replicas, maxReplicas: replicas },
    },
    recommended: {
      action: 'configure',
      description: `HPA min ${thresholds.minReplicas}, max ${recommendedMax}, CPU target ${thresholds.targetCpuPercent}%`,
      monthlyCost: averageDesired * podMonthly,
      spec: {
        minReplicas: thresholds.minReplicas,
        maxReplicas: recommendedMax,
        targetCpuUtilization: thresholds.targetCpuPercent,
      },
    },
    monthlySavings: savings,
    currency: prices.currency,
    confidence: round(Math.min(1, spanDays(cpu) / lookbackDays) * 0.8),
    evidence: {
      summary: [
        `Replaying ${round(
          spanDays(cpu),
          1,
        )} days of CPU usage through an HPA at ${
          thresholds.targetCpuPercent
        }% of requests needs ${round(
          averageDesired,
          1,
        )} replicas on average (peak ${peakDesired}) instead of ${replicas}.`,
        `That is ${money(
          savings,
          prices.currency,
        )} a month of requested capacity.`,
      ],
      charts: [
        {
          title: 'Workload CPU used',
          unit: 'cores',
          kind: 'line',
          series: [chartSeries('CPU', cpu)],
          thresholds: [
            {
              label: 'requested',
              value: round(replicas * input.podCpuRequestCores, 3),
            },
          ],
        },
      ],
      metrics: {
        averageDesired: round(averageDesired, 3),
        peakDesired,
        replicas,
      },
    },
    remediationParameters: {
      cluster: input.cluster,
      namespace: input.namespace,
      workloadKind: input.workloadKind,
      workloadName: input.workloadName,
      minReplicas: thresholds.minReplicas,
      maxReplicas: recommendedMax,
      targetCpuUtilization: thresholds.targetCpuPercent,
    },
  };
}
