import { SeriesPoint } from '../../detectors';
import { PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import { kubernetesWorkloadResource } from './kubernetesResource';
import {
  byDay,
  chartSeries,
  DAY_MS,
  formatBytes,
  money,
  percentile,
  pointsIn,
  round,
  spanDays,
} from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

/**
 * One container of a Kubernetes workload: its requests and usage.
 *
 * @public
 */
export interface KubernetesContainerUsage {
  cluster: string;
  namespace: string;
  /** `Deployment`, `StatefulSet`, `DaemonSet`… */
  workloadKind: string;
  workloadName: string;
  container: string;
  /** Pods of the workload (each with this container). */
  replicas: number;
  /** The nodes' instance type, to price requests; OpenCost's defaults otherwise. */
  nodeInstanceType?: string;
  labels?: Record<string, string>;
  cpuRequestCores?: number;
  memoryRequestBytes?: number;
  /** CPU used by the container, cores, per pod (e.g. a 5-minute rate at each step). */
  cpu: readonly SeriesPoint[];
  /** Memory working set, bytes, per pod. */
  memory: readonly SeriesPoint[];
}

/**
 * The Vertical Pod Autoscaler recommender's method: the target is the p90 of
 * CPU usage and the p90 of daily memory peaks, plus a 15% safety margin,
 * at least 25 millicores and 250 MiB. Flags a container whose requests are
 * above it by more than the tolerance, with the monthly cost of what all
 * its pods request in excess.
 *
 * @public
 */
export function detectKubernetesRequests(
  usage: KubernetesContainerUsage,
  prices: PriceList,
  now: Date,
  thresholds: SavingsThresholds['kubernetesRequests'] = DEFAULT_SAVINGS_THRESHOLDS.kubernetesRequests,
): WasteFinding | undefined {
  const to = now.getTime();
  const from = to - thresholds.lookbackDays * DAY_MS;
  const cpu = pointsIn(usage.cpu, from, to);
  const memory = pointsIn(usage.memory, from, to);
  if (spanDays(cpu) < 1 || spanDays(memory) < 1 || usage.replicas < 1)
    return undefined;

  const factor = 1 + thresholds.margin;
  const cpuTarget = Math.max(
    thresholds.minCpuMillicores / 1000,
    percentile(
      cpu.map(p => p.value),
      thresholds.percentile,
    )! * factor,
  );
  const dailyPeaks = [...byDay(memory).values()].map(v => Math.max(...v));
  const memoryTarget = Math.max(
    thresholds.minMemoryMiB * MIB,
    percentile(dailyPeaks, thresholds.percentile)! * factor,
  );
  const unit = prices.kubernetesUnitMonthly(usage.nodeInstanceType);
  const cpuRequest = usage.cpuRequestCores;
  const memoryRequest = usage.memoryRequestBytes;
  const cpuCut =
    cpuRequest !== undefined &&
    (cpuRequest - cpuTarget) / cpuRequest >= thresholds.minChangeShare;
  const memoryCut =
    memoryRequest !== undefined &&
    (memoryRequest - memoryTarget) / memoryRequest >= thresholds.minChangeShare;
  if (!cpuCut && !memoryCut) return undefined;

  // Only what is cut counts; a request below its target is left alone here.
  const newCpu = cpuCut ? cpuTarget : cpuRequest;
  const newMemory = memoryCut ? memoryTarget : memoryRequest;
  const podCost = (c?: number, m?: number) =>
    (c ?? 0) * unit.cpuCore + ((m ?? 0) / GIB) * unit.memoryGiB;
  const current = podCost(cpuRequest, memoryRequest) * usage.replicas;
  const recommended = podCost(newCpu, newMemory) * usage.replicas;
  const describe = (c?: number, m?: number) =>
    `cpu ${c === undefined ? 'unset' : `${round(c * 1000, 0)}m`}, memory ${
      m === undefined ? 'unset' : formatBytes(m)
    }`;
  const spec = (c?: number, m?: number) => ({
    ...(c !== undefined ? { cpu: `${Math.ceil(c * 1000)}m` } : {}),
    ...(m !== undefined ? { memory: `${Math.ceil(m / MIB)}Mi` } : {}),
  });
  const resource = kubernetesWorkloadResource(usage);
  const coverage = Math.min(1, spanDays(cpu) / thresholds.lookbackDays);

  return {
    kind: 'kubernetes-requests',
    resource,
    title: `Over-requested container ${resource.name}`,
    current: {
      description: `${usage.replicas} pods × ${describe(
        cpuRequest,
        memoryRequest,
      )}`,
      monthlyCost: current,
      spec: { ...spec(cpuRequest, memoryRequest), replicas: usage.replicas },
    },
    recommended: {
      action: 'resize',
      description: `${usage.replicas} pods × ${describe(newCpu, newMemory)}`,
      monthlyCost: recommended,
      spec: { ...spec(newCpu, newMemory), replicas: usage.replicas },
    },
    monthlySavings: current - recommended,
    currency: prices.currency,
    confidence: round(coverage),
    evidence: {
      summary: [
        `p${thresholds.percentile} CPU usage + ${
          thresholds.margin * 100
        }% is ${round(cpuTarget * 1000, 0)}m (request ${
          cpuRequest === undefined ? 'unset' : `${round(cpuRequest * 1000, 0)}m`
        }).`,
        `p${thresholds.percentile} of daily memory peaks + ${
          thresholds.margin * 100
        }% is ${formatBytes(memoryTarget)} (request ${
          memoryRequest === undefined ? 'unset' : formatBytes(memoryRequest)
        }).`,
        `Over ${usage.replicas} pods the excess requests cost ${money(
          current - recommended,
          prices.currency,
        )} a month.`,
      ],
      charts: [
        {
          title: 'CPU used per pod',
          unit: 'cores',
          kind: 'line',
          series: [chartSeries('CPU', cpu)],
          thresholds: [
            ...(cpuRequest !== undefined
              ? [{ label: 'request', value: cpuRequest }]
              : []),
            { label: 'recommended', value: round(cpuTarget, 4) },
          ],
        },
        {
          title: 'Memory used per pod',
          unit: 'MiB',
          kind: 'line',
          series: [chartSeries('memory', memory, 1 / MIB)],
          thresholds: [
            ...(memoryRequest !== undefined
              ? [{ label: 'request', value: round(memoryRequest / MIB, 0) }]
              : []),
            { label: 'recommended', value: round(memoryTarget / MIB, 0) },
          ],
        },
      ],
      metrics: {
        cpuTargetCores: round(cpuTarget, 4),
        memoryTargetBytes: Math.round(memoryTarget),
        days: round(spanDays(cpu), 2),
      },
    },
    remediationParameters: {
      cluster: usage.cluster,
      namespace: usage.namespace,
      workloadKind: usage.workloadKind,
      workloadName: usage.workloadName,
      container: usage.container,
      requests: spec(newCpu, newMemory),
    },
  };
}
