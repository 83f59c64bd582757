import { SeriesPoint } from '../../detectors';
import { PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import { Ec2InstanceRef, ec2Resource, isManagedCapacity } from './ec2Instance';
import {
  byDay,
  chartSeries,
  DAY_MS,
  mean,
  money,
  pointsIn,
  round,
  sum,
} from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

/**
 * An EC2 instance's usage, as CloudWatch has it.
 *
 * @public
 */
export interface Ec2InstanceUsage extends Ec2InstanceRef {
  /** Hourly average `CPUUtilization`, percent. */
  cpu: readonly SeriesPoint[];
  /** Hourly `NetworkIn` + `NetworkOut`, bytes. */
  network: readonly SeriesPoint[];
}

const MB = 1_000_000;

/**
 * AWS Trusted Advisor's low-utilisation rule: daily average CPU at or below
 * 10% and network I/O at or below 5 MB on at least 4 of the last 14 days.
 * On top of it, an instance with any busy hour (CPU above 40%) or busy day
 * (network above 500 MB) in the window is a bursty workload, not an idle
 * one, and is not flagged. Recommends stopping it (its EBS volumes stay).
 * Never flags a Kubernetes node or an Auto Scaling group's instance
 * ({@link isManagedCapacity}): stopping it is not the fix.
 *
 * @public
 */
export function detectEc2Idle(
  instance: Ec2InstanceUsage,
  prices: PriceList | undefined,
  now: Date,
  thresholds: SavingsThresholds['ec2Idle'] = DEFAULT_SAVINGS_THRESHOLDS.ec2Idle,
): WasteFinding | undefined {
  if (isManagedCapacity(instance)) return undefined;
  const to = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = to - thresholds.lookbackDays * DAY_MS;
  const cpu = pointsIn(instance.cpu, from, to);
  const network = pointsIn(instance.network, from, to);
  const cpuDays = byDay(cpu);
  const networkDays = byDay(network);

  let lowDays = 0;
  let busy: string | undefined;
  const dailyNetwork: Array<{ timestamp: number; value: number }> = [];
  for (const [day, values] of cpuDays) {
    const cpuAverage = mean(values);
    const bytes = networkDays.get(day);
    const networkMb = bytes === undefined ? undefined : sum(bytes) / MB;
    if (networkMb !== undefined)
      dailyNetwork.push({ timestamp: day, value: networkMb });
    if (
      cpuAverage <= thresholds.cpuPercent &&
      networkMb !== undefined &&
      networkMb <= thresholds.networkMb
    ) {
      lowDays++;
    }
    const peak = Math.max(...values);
    if (!busy && peak > thresholds.burstCpuPercent) {
      busy = `CPU reached ${round(peak, 1)}% in an hour on ${isoDay(day)}`;
    }
    if (
      !busy &&
      networkMb !== undefined &&
      networkMb > thresholds.burstNetworkMb
    ) {
      busy = `network I/O was ${round(networkMb, 0)} MB on ${isoDay(day)}`;
    }
  }
  const observedDays = cpuDays.size;
  if (lowDays < thresholds.minLowDays || busy) return undefined;

  const priced = prices?.instance(instance.instanceType);
  const currency = prices?.currency ?? 'USD';
  const monthly = priced?.monthly ?? 0;
  const coverage = Math.min(1, observedDays / thresholds.lookbackDays);
  return {
    kind: 'ec2-idle',
    resource: ec2Resource(instance),
    title: `Idle EC2 instance ${instance.name ?? instance.instanceId} (${
      instance.instanceType
    })`,
    current: {
      description: `${instance.instanceType}, running`,
      monthlyCost: monthly,
      spec: { instanceType: instance.instanceType, state: 'running' },
    },
    recommended: {
      action: 'stop',
      description: 'Stopped (its EBS volumes are kept)',
      monthlyCost: 0,
      spec: { instanceType: instance.instanceType, state: 'stopped' },
    },
    monthlySavings: monthly,
    currency,
    confidence: round(coverage * (0.5 + 0.5 * (lowDays / observedDays))),
    evidence: {
      summary: [
        `CPU ≤ ${thresholds.cpuPercent}% and network ≤ ${thresholds.networkMb} MB on ${lowDays} of the ${observedDays} days with data in the last ${thresholds.lookbackDays} (Trusted Advisor flags ${thresholds.minLowDays} or more).`,
        `No hour above ${thresholds.burstCpuPercent}% CPU and no day above ${thresholds.burstNetworkMb} MB of network I/O: not a bursty workload.`,
        priced
          ? `Stopping it saves ${money(monthly, currency)} a month of ${
              instance.instanceType
            } on-demand time.`
          : `No ${instance.instanceType} price is known for ${instance.region}: savings not estimated.`,
      ],
      charts: [
        {
          title: 'CPU utilisation (hourly average)',
          unit: '%',
          kind: 'line',
          series: [chartSeries('CPU', cpu)],
          thresholds: [
            { label: 'idle', value: thresholds.cpuPercent },
            { label: 'busy', value: thresholds.burstCpuPercent },
          ],
        },
        {
          title: 'Network I/O per day',
          unit: 'MB',
          kind: 'bar',
          series: [chartSeries('network', dailyNetwork)],
          thresholds: [{ label: 'idle', value: thresholds.networkMb }],
        },
      ],
      metrics: { lowDays, observedDays, lookbackDays: thresholds.lookbackDays },
    },
    remediationParameters: {
      instanceId: instance.instanceId,
      region: instance.region,
      account: instance.account,
    },
  };
}

function isoDay(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}
