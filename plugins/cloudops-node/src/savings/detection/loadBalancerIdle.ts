import { SeriesPoint } from '../../detectors';
import { PriceList } from '../prices/PriceList';
import { WasteFinding } from '../wasteDetectors';
import {
  byDay,
  chartSeries,
  DAY_MS,
  money,
  pointsIn,
  sum,
  tagLabels,
} from './series';
import { DEFAULT_SAVINGS_THRESHOLDS, SavingsThresholds } from './thresholds';

/**
 * A load balancer's traffic and targets.
 *
 * @public
 */
export interface LoadBalancerUsage {
  arn: string;
  name: string;
  kind: 'application' | 'network' | 'gateway' | 'classic';
  region: string;
  account?: string;
  createdAt: Date;
  tags?: Record<string, string>;
  /**
   * Requests (`RequestCount` sums; `NewFlowCount` for network load
   * balancers), any period. CloudWatch sends no point for a period without
   * requests, so a missing day counts as zero.
   */
  requests: readonly SeriesPoint[];
  /** `HealthyHostCount` maxima; absent when not read. */
  healthyTargets?: readonly SeriesPoint[];
}

/**
 * AWS Trusted Advisor's idle load balancer rule: fewer than 100 requests on
 * every one of the last 7 days, or no healthy target all that time. A load
 * balancer younger than the window is not judged.
 *
 * @public
 */
export function detectIdleLoadBalancer(
  lb: LoadBalancerUsage,
  prices: PriceList | undefined,
  now: Date,
  thresholds: SavingsThresholds['loadBalancerIdle'] = DEFAULT_SAVINGS_THRESHOLDS.loadBalancerIdle,
): WasteFinding | undefined {
  const to = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = to - thresholds.days * DAY_MS;
  if (lb.createdAt.getTime() > from) return undefined;
  const requestDays = byDay(pointsIn(lb.requests, from, to));
  const daily = Array.from({ length: thresholds.days }, (_, i) => {
    const day = from + i * DAY_MS;
    return { timestamp: day, value: sum(requestDays.get(day) ?? []) };
  });
  const busiest = Math.max(...daily.map(d => d.value));
  const lowTraffic = busiest < thresholds.requestsPerDay;
  const healthy = lb.healthyTargets
    ? pointsIn(lb.healthyTargets, from, to)
    : [];
  const healthyDays = byDay(healthy);
  const noHealthyTargets =
    healthyDays.size >= thresholds.days && healthy.every(p => p.value === 0);
  if (!lowTraffic && !noHealthyTargets) return undefined;

  const monthly = prices?.loadBalancerMonthly(lb.kind) ?? 0;
  const currency = prices?.currency ?? 'USD';
  const reasons = [
    lowTraffic &&
      `At most ${busiest} requests a day over the last ${thresholds.days} days (Trusted Advisor: fewer than ${thresholds.requestsPerDay}).`,
    noHealthyTargets &&
      `No healthy target over the last ${thresholds.days} days.`,
  ].filter((r): r is string => Boolean(r));
  return {
    kind: 'load-balancer-idle',
    resource: {
      id: lb.arn,
      type: `elb:${lb.kind}`,
      name: lb.name,
      region: lb.region,
      account: lb.account,
      labels: tagLabels(lb.tags),
    },
    title: `Idle ${lb.kind} load balancer ${lb.name}`,
    current: {
      description: `${lb.kind} load balancer`,
      monthlyCost: monthly,
      spec: { kind: lb.kind },
    },
    recommended: {
      action: 'delete',
      description: 'Deleted',
      monthlyCost: 0,
      spec: {},
    },
    monthlySavings: monthly,
    currency,
    confidence: lowTraffic && noHealthyTargets ? 0.95 : 0.85,
    evidence: {
      summary: [
        ...reasons,
        prices
          ? `Deleting it saves ${money(
              monthly,
              currency,
            )} a month of load balancer hours.`
          : `No load balancer price is known for ${lb.region}: savings not estimated.`,
      ],
      charts: [
        {
          title: 'Requests per day',
          unit: 'requests',
          kind: 'bar',
          series: [chartSeries('requests', daily)],
          thresholds: [{ label: 'idle', value: thresholds.requestsPerDay }],
        },
        ...(healthy.length
          ? [
              {
                title: 'Healthy targets',
                unit: 'targets',
                kind: 'line' as const,
                series: [chartSeries('healthy', healthy)],
              },
            ]
          : []),
      ],
      metrics: { busiestDayRequests: busiest, days: thresholds.days },
    },
    remediationParameters: {
      loadBalancerArn: lb.arn,
      region: lb.region,
      account: lb.account,
    },
  };
}
