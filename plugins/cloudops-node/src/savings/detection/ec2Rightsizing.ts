import { SeriesPoint } from '../../detectors';
import { PricedInstanceType, PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import { Ec2InstanceRef, ec2Resource, isManagedCapacity } from './ec2Instance';
import {
  byDay,
  chartSeries,
  DAY_MS,
  mean,
  money,
  percentile,
  pointsIn,
  round,
  spanDays,
} from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

/**
 * An EC2 instance's utilisation for right-sizing.
 *
 * @public
 */
export interface Ec2RightsizingInput extends Ec2InstanceRef {
  /** `CPUUtilization` maxima (5-minute or hourly), percent. */
  cpu: readonly SeriesPoint[];
  /** `mem_used_percent` from the CloudWatch agent, when installed. */
  memory?: readonly SeriesPoint[];
}

/**
 * What a workload needs, in vCPUs and GiB, at the sizing percentile plus
 * headroom, and its mean CPU need (for burstable candidates' baseline).
 *
 * @public
 */
export interface CapacityNeed {
  vcpu: number;
  memoryGiB: number;
  meanVcpu: number;
  memoryKnown: boolean;
}

/**
 * The cheapest instance type that fits a need: enough vCPUs and memory, the
 * same CPU architecture unless allowed otherwise, and for burstable types a
 * baseline that covers the mean CPU need with the same headroom.
 *
 * @public
 */
export function cheapestFittingInstance(
  need: CapacityNeed,
  candidates: readonly PricedInstanceType[],
  options: {
    architecture: string;
    allowArchitectureChange: boolean;
    /** Headroom kept on a burstable type's baseline, as on the peak. */
    headroom: number;
  },
): PricedInstanceType | undefined {
  return candidates.find(
    c =>
      (options.allowArchitectureChange ||
        c.architecture === options.architecture) &&
      c.vcpu >= need.vcpu &&
      c.memoryGiB >= need.memoryGiB &&
      (c.baselineShare === undefined ||
        need.meanVcpu * (1 + options.headroom) <= c.baselineShare * c.vcpu),
  );
}

/** The highest value reached on at least two different days. */
function recurringPeak(points: readonly SeriesPoint[]): number {
  const peaks = [...byDay(points).values()]
    .map(values => Math.max(...values))
    .sort((a, b) => b - a);
  return peaks[1] ?? 0;
}

/**
 * AWS Compute Optimizer's defaults: size for the p99.5 of CPU plus 20%
 * headroom and peak memory (p99.5) plus 20% over 14 days, then take the
 * cheapest instance type that fits. Without memory metrics the memory is
 * kept as it is. A CPU peak that recurs on two or more days counts even
 * above the p99.5 (our guard for weekly batch jobs, which the p99.5 of 14
 * days can miss). Flags the instance when that type saves at least
 * `minSavingsShare` of its cost. Never flags a Kubernetes node or an Auto
 * Scaling group's instance ({@link isManagedCapacity}): their type is the
 * node pool's or the group's.
 *
 * @public
 */
export function detectEc2Rightsizing(
  input: Ec2RightsizingInput,
  prices: PriceList | undefined,
  now: Date,
  thresholds: SavingsThresholds['rightsizing'] = DEFAULT_SAVINGS_THRESHOLDS.rightsizing,
): WasteFinding | undefined {
  if (isManagedCapacity(input)) return undefined;
  const current = prices?.instance(input.instanceType);
  if (!prices || !current) return undefined;
  const to = now.getTime();
  const from = to - thresholds.lookbackDays * DAY_MS;
  const cpu = pointsIn(input.cpu, from, to);
  const memory = input.memory ? pointsIn(input.memory, from, to) : [];
  if (spanDays(cpu) < thresholds.minDays) return undefined;

  const cpuVcpu = cpu.map(p => (p.value / 100) * current.vcpu);
  // A peak reached on two different days recurs (a weekly batch): it is
  // part of the workload, not a spike, even when it is above the p99.5.
  const cpuAtPercentile = Math.max(
    percentile(cpuVcpu, thresholds.cpuPercentile)!,
    (recurringPeak(cpu) / 100) * current.vcpu,
  );
  const memoryKnown = memory.length > 0;
  const memoryAtPercentile = memoryKnown
    ? percentile(
        memory.map(p => (p.value / 100) * current.memoryGiB),
        thresholds.cpuPercentile,
      )!
    : current.memoryGiB;
  const need: CapacityNeed = {
    vcpu: cpuAtPercentile * (1 + thresholds.cpuHeadroom),
    memoryGiB: memoryKnown
      ? memoryAtPercentile * (1 + thresholds.memoryHeadroom)
      : current.memoryGiB,
    meanVcpu: mean(cpuVcpu),
    memoryKnown,
  };
  const best = cheapestFittingInstance(need, prices.instanceTypes(), {
    architecture: current.architecture,
    allowArchitectureChange: thresholds.allowArchitectureChange,
    headroom: thresholds.cpuHeadroom,
  });
  if (!best || best.type === current.type) return undefined;
  const savings = current.monthly - best.monthly;
  if (savings < thresholds.minSavingsShare * current.monthly) return undefined;

  const coverage = Math.min(1, spanDays(cpu) / thresholds.lookbackDays);
  const describe = (t: PricedInstanceType) =>
    `${t.type} (${t.vcpu} vCPU, ${t.memoryGiB} GiB)`;
  return {
    kind: 'ec2-rightsize',
    resource: ec2Resource(input),
    title: `Oversized EC2 instance ${input.name ?? input.instanceId}: ${
      current.type
    } → ${best.type}`,
    current: {
      description: describe(current),
      monthlyCost: current.monthly,
      spec: {
        instanceType: current.type,
        vcpu: current.vcpu,
        memoryGiB: current.memoryGiB,
      },
    },
    recommended: {
      action: 'resize',
      description: describe(best),
      monthlyCost: best.monthly,
      spec: {
        instanceType: best.type,
        vcpu: best.vcpu,
        memoryGiB: best.memoryGiB,
      },
    },
    monthlySavings: savings,
    currency: prices.currency,
    confidence: round(coverage * (memoryKnown ? 1 : 0.8)),
    evidence: {
      summary: [
        `p${thresholds.cpuPercentile} CPU over ${round(
          spanDays(cpu),
          1,
        )} days is ${round(cpuAtPercentile, 2)} of ${current.vcpu} vCPU; with ${
          thresholds.cpuHeadroom * 100
        }% headroom it needs ${round(need.vcpu, 2)} vCPU.`,
        memoryKnown
          ? `p${thresholds.cpuPercentile} memory is ${round(
              memoryAtPercentile,
              2,
            )} of ${current.memoryGiB} GiB; with ${
              thresholds.memoryHeadroom * 100
            }% headroom it needs ${round(need.memoryGiB, 2)} GiB.`
          : `No memory metrics (CloudWatch agent): its ${current.memoryGiB} GiB are kept.`,
        `${best.type} is the cheapest ${
          thresholds.allowArchitectureChange ? '' : `${current.architecture} `
        }type that fits: ${money(savings, prices.currency)} a month less than ${
          current.type
        }.`,
      ],
      charts: [
        {
          title: 'CPU used',
          unit: 'vCPU',
          kind: 'line',
          series: [chartSeries('CPU', cpu, current.vcpu / 100)],
          thresholds: [
            { label: `${current.type}`, value: current.vcpu },
            { label: `${best.type}`, value: best.vcpu },
            {
              label: `p${thresholds.cpuPercentile} + headroom`,
              value: round(need.vcpu, 3),
            },
          ],
        },
        ...(memoryKnown
          ? [
              {
                title: 'Memory used',
                unit: 'GiB',
                kind: 'line' as const,
                series: [
                  chartSeries('memory', memory, current.memoryGiB / 100),
                ],
                thresholds: [
                  { label: `${current.type}`, value: current.memoryGiB },
                  { label: `${best.type}`, value: best.memoryGiB },
                ],
              },
            ]
          : []),
      ],
      metrics: {
        cpuPercentileVcpu: round(cpuAtPercentile, 4),
        neededVcpu: round(need.vcpu, 4),
        neededMemoryGiB: round(need.memoryGiB, 4),
        days: round(spanDays(cpu), 2),
      },
    },
    remediationParameters: {
      instanceId: input.instanceId,
      region: input.region,
      account: input.account,
      fromInstanceType: current.type,
      toInstanceType: best.type,
    },
  };
}
