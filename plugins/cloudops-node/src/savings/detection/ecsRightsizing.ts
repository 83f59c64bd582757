import { SeriesPoint } from '../../detectors';
import { PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import {
  chartSeries,
  DAY_MS,
  money,
  percentile,
  pointsIn,
  round,
  spanDays,
  tagLabels,
} from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

/**
 * An ECS service on Fargate: its task size and utilisation.
 *
 * @public
 */
export interface EcsServiceUsage {
  arn: string;
  cluster: string;
  serviceName: string;
  region: string;
  account?: string;
  tags?: Record<string, string>;
  /** Task CPU units (1024 = 1 vCPU) and memory (MiB). */
  taskCpuUnits: number;
  taskMemoryMiB: number;
  desiredCount: number;
  /** `CPUUtilization` maxima of the service, percent of the task's CPU. */
  cpu: readonly SeriesPoint[];
  /** `MemoryUtilization` maxima, percent of the task's memory. */
  memory: readonly SeriesPoint[];
}

/** Fargate's valid task sizes: vCPU → memory choices in GiB. */
function fargateSizes(): Array<{ vcpu: number; memoryGiB: number }> {
  const range = (from: number, to: number, step: number) =>
    Array.from(
      { length: Math.floor((to - from) / step) + 1 },
      (_, i) => from + i * step,
    );
  const choices: Array<[number, number[]]> = [
    [0.25, [0.5, 1, 2]],
    [0.5, range(1, 4, 1)],
    [1, range(2, 8, 1)],
    [2, range(4, 16, 1)],
    [4, range(8, 30, 1)],
    [8, range(16, 60, 4)],
    [16, range(32, 120, 8)],
  ];
  return choices.flatMap(([vcpu, memories]) =>
    memories.map(memoryGiB => ({ vcpu, memoryGiB })),
  );
}

const FARGATE_SIZES = fargateSizes();

/**
 * Compute Optimizer's defaults for ECS on Fargate: the task needs its p99.5
 * CPU and memory plus 20% headroom each; recommends the cheapest valid
 * Fargate size that fits, for every running task.
 *
 * @public
 */
export function detectEcsRightsizing(
  service: EcsServiceUsage,
  prices: PriceList | undefined,
  now: Date,
  thresholds: SavingsThresholds['rightsizing'] = DEFAULT_SAVINGS_THRESHOLDS.rightsizing,
): WasteFinding | undefined {
  const vcpu = service.taskCpuUnits / 1024;
  const memoryGiB = service.taskMemoryMiB / 1024;
  const currentTask = prices?.fargateMonthly(vcpu, memoryGiB);
  if (!prices || currentTask === undefined || service.desiredCount < 1)
    return undefined;
  const to = now.getTime();
  const from = to - thresholds.lookbackDays * DAY_MS;
  const cpu = pointsIn(service.cpu, from, to);
  const memory = pointsIn(service.memory, from, to);
  if (spanDays(cpu) < thresholds.minDays || memory.length === 0)
    return undefined;

  const cpuNeed =
    (percentile(
      cpu.map(p => p.value),
      thresholds.cpuPercentile,
    )! /
      100) *
    vcpu *
    (1 + thresholds.cpuHeadroom);
  const memoryNeed =
    (percentile(
      memory.map(p => p.value),
      thresholds.cpuPercentile,
    )! /
      100) *
    memoryGiB *
    (1 + thresholds.memoryHeadroom);
  const best = FARGATE_SIZES.map(size => ({
    ...size,
    monthly: prices.fargateMonthly(size.vcpu, size.memoryGiB)!,
  }))
    .filter(size => size.vcpu >= cpuNeed && size.memoryGiB >= memoryNeed)
    .sort((a, b) => a.monthly - b.monthly)[0];
  if (!best) return undefined;
  const perTask = currentTask - best.monthly;
  if (perTask < thresholds.minSavingsShare * currentTask) return undefined;
  const savings = perTask * service.desiredCount;
  const size = (c: number, m: number) => `${c} vCPU, ${m} GiB`;

  return {
    kind: 'ecs-rightsize',
    resource: {
      id: service.arn,
      type: 'ecs:service',
      name: `${service.cluster}/${service.serviceName}`,
      region: service.region,
      account: service.account,
      labels: tagLabels(service.tags),
    },
    title: `Oversized ECS tasks in ${service.serviceName}: ${size(
      vcpu,
      memoryGiB,
    )} → ${size(best.vcpu, best.memoryGiB)}`,
    current: {
      description: `${service.desiredCount} × ${size(
        vcpu,
        memoryGiB,
      )} on Fargate`,
      monthlyCost: currentTask * service.desiredCount,
      spec: {
        cpu: service.taskCpuUnits,
        memory: service.taskMemoryMiB,
        desiredCount: service.desiredCount,
      },
    },
    recommended: {
      action: 'resize',
      description: `${service.desiredCount} × ${size(
        best.vcpu,
        best.memoryGiB,
      )} on Fargate`,
      monthlyCost: best.monthly * service.desiredCount,
      spec: {
        cpu: best.vcpu * 1024,
        memory: best.memoryGiB * 1024,
        desiredCount: service.desiredCount,
      },
    },
    monthlySavings: savings,
    currency: prices.currency,
    confidence: round(Math.min(1, spanDays(cpu) / thresholds.lookbackDays)),
    evidence: {
      summary: [
        `Tasks need ${round(cpuNeed, 3)} vCPU and ${round(
          memoryNeed,
          2,
        )} GiB (p${thresholds.cpuPercentile} plus ${
          thresholds.cpuHeadroom * 100
        }% / ${thresholds.memoryHeadroom * 100}% headroom).`,
        `${size(
          best.vcpu,
          best.memoryGiB,
        )} is the cheapest Fargate size that fits: ${money(
          savings,
          prices.currency,
        )} a month for ${service.desiredCount} tasks.`,
      ],
      charts: [
        {
          title: 'Task CPU used',
          unit: 'vCPU',
          kind: 'line',
          series: [chartSeries('CPU', cpu, vcpu / 100)],
          thresholds: [
            { label: 'current', value: vcpu },
            { label: 'recommended', value: best.vcpu },
          ],
        },
        {
          title: 'Task memory used',
          unit: 'GiB',
          kind: 'line',
          series: [chartSeries('memory', memory, memoryGiB / 100)],
          thresholds: [
            { label: 'current', value: memoryGiB },
            { label: 'recommended', value: best.memoryGiB },
          ],
        },
      ],
      metrics: {
        neededVcpu: round(cpuNeed, 4),
        neededMemoryGiB: round(memoryNeed, 4),
      },
    },
    remediationParameters: {
      cluster: service.cluster,
      service: service.serviceName,
      region: service.region,
      account: service.account,
      cpu: best.vcpu * 1024,
      memory: best.memoryGiB * 1024,
    },
  };
}
