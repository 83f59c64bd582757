import {
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  detectIdleLoadBalancer,
  SeriesPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../../clients/AwsClients';
import {
  RegionObserve,
  RegionScan,
  usageWindow,
  WasteTarget,
} from '../AwsWasteDetector';
import { observation, overWindow } from '../observation';
import { readUsage, Usage, UsageQuery } from '../readUsage';
import { tagRecord } from '../tags';

/** The detector id, as detector health and opportunities show it. */
export const ELB_WASTE_ID = 'aws-elb';

type Kind = 'application' | 'network' | 'gateway';

/** Where each kind of load balancer counts its traffic. */
const TRAFFIC: Record<Kind, { namespace: string; metric: string }> = {
  application: { namespace: 'AWS/ApplicationELB', metric: 'RequestCount' },
  network: { namespace: 'AWS/NetworkELB', metric: 'NewFlowCount' },
  gateway: { namespace: 'AWS/GatewayELB', metric: 'NewFlowCount' },
};

/** DescribeTags takes at most 20 ARNs. */
const TAG_BATCH = 20;
const DAY = 86_400;

interface Balancer {
  arn: string;
  name: string;
  kind: Kind;
  createdAt: Date;
  tags?: Record<string, string>;
  /** The `LoadBalancer` dimension: `app/<name>/<id>`. */
  dimension: string;
  /** Target groups: their `TargetGroup` dimension and healthy targets now. */
  targetGroups: Array<{ dimension: string; healthyNow: number }>;
}

/** CloudWatch's `LoadBalancer` dimension: `app/<name>/<id>` from the ARN. */
const loadBalancerDimension = (arn: string) => arn.split(':loadbalancer/')[1];
/** CloudWatch's `TargetGroup` dimension: `targetgroup/<name>/<id>` from the ARN. */
const targetGroupDimension = (arn: string) =>
  arn.slice(arn.lastIndexOf(':') + 1);

/** Load balancers with their tags and, unless told not to, their target groups' health now. */
async function listBalancers(
  clients: AwsClients,
  target: WasteTarget,
  signal?: AbortSignal,
  withTargets = true,
): Promise<Balancer[]> {
  const call = <T>(fn: (client: ElasticLoadBalancingV2Client) => Promise<T>) =>
    clients.call(target, ElasticLoadBalancingV2Client, fn, signal);
  const balancers = await call(async client => {
    const found: Balancer[] = [];
    for await (const page of paginateDescribeLoadBalancers(
      { client, pageSize: 400 },
      {},
    )) {
      for (const lb of page.LoadBalancers ?? []) {
        found.push({
          arn: lb.LoadBalancerArn!,
          name: lb.LoadBalancerName!,
          kind: lb.Type as Kind,
          createdAt: lb.CreatedTime!,
          dimension: loadBalancerDimension(lb.LoadBalancerArn!),
          targetGroups: [],
        });
      }
    }
    return found;
  });
  const byArn = new Map(balancers.map(b => [b.arn, b]));
  const batches: string[][] = [];
  for (let i = 0; i < balancers.length; i += TAG_BATCH) {
    batches.push(balancers.slice(i, i + TAG_BATCH).map(b => b.arn));
  }
  // Every target group of the region in one listing (not one per load
  // balancer), then the health of each group's targets now.
  const targetHealth = async () => {
    const groups = await call(async client => {
      const found: Array<{ arn: string; balancers: string[] }> = [];
      for await (const page of paginateDescribeTargetGroups(
        { client, pageSize: 400 },
        {},
      )) {
        for (const g of page.TargetGroups ?? []) {
          // Target groups no load balancer uses have no traffic to judge.
          if (!g.LoadBalancerArns?.length) continue;
          found.push({
            arn: g.TargetGroupArn!,
            balancers: g.LoadBalancerArns ?? [],
          });
        }
      }
      return found;
    });
    await Promise.all(
      groups.map(async ({ arn, balancers: attached }) => {
        const health = await call(client =>
          client.send(
            new DescribeTargetHealthCommand({ TargetGroupArn: arn }),
            { abortSignal: signal },
          ),
        );
        const group = {
          dimension: targetGroupDimension(arn),
          healthyNow: (health.TargetHealthDescriptions ?? []).filter(
            t => t.TargetHealth?.State === 'healthy',
          ).length,
        };
        for (const lbArn of attached) {
          byArn.get(lbArn)?.targetGroups.push(group);
        }
      }),
    );
  };
  await Promise.all([
    ...batches.map(async ResourceArns => {
      const { TagDescriptions } = await call(client =>
        client.send(new DescribeTagsCommand({ ResourceArns }), {
          abortSignal: signal,
        }),
      );
      for (const d of TagDescriptions ?? []) {
        byArn.get(d.ResourceArn!)!.tags = tagRecord(d.Tags);
      }
    }),
    withTargets && targetHealth(),
  ]);
  return balancers;
}

/** Daily traffic, and daily healthy targets of balancers without any now. */
function balancerQueries(lb: Balancer): UsageQuery[] {
  const traffic = TRAFFIC[lb.kind];
  const confirmUnhealthy =
    lb.targetGroups.length > 0 &&
    lb.targetGroups.every(g => g.healthyNow === 0);
  return [
    {
      resource: lb.arn,
      series: 'requests',
      ...traffic,
      dimensions: { LoadBalancer: lb.dimension },
      stat: 'Sum',
      periodSeconds: DAY,
    },
    ...(confirmUnhealthy
      ? lb.targetGroups.map(g => ({
          resource: lb.arn,
          series: `healthy:${g.dimension}`,
          namespace: traffic.namespace,
          metric: 'HealthyHostCount',
          dimensions: { LoadBalancer: lb.dimension, TargetGroup: g.dimension },
          stat: 'Maximum',
          periodSeconds: DAY,
        }))
      : []),
  ];
}

/** Healthy targets per day, over all target groups; undefined when not read. */
function healthySeries(lb: Balancer, usage: Usage): SeriesPoint[] | undefined {
  if (lb.targetGroups.some(g => g.healthyNow > 0)) return undefined;
  if (lb.targetGroups.length === 0) return undefined;
  const days = new Map<number, number>();
  for (const g of lb.targetGroups) {
    for (const p of usage.of(lb.arn, `healthy:${g.dimension}`)) {
      days.set(p.timestamp, (days.get(p.timestamp) ?? 0) + p.value);
    }
  }
  return [...days.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([timestamp, value]) => ({ timestamp, value }));
}

/**
 * Idle load balancers of an account-region (application, network and
 * gateway; ELBv2): DescribeLoadBalancers with their tags, their traffic per
 * day (`RequestCount`, `NewFlowCount`) and, for those whose target groups
 * have no healthy target now (DescribeTargetHealth), the daily maximum of
 * `HealthyHostCount` to see whether they had none all along.
 */
export function elbScan(clients: AwsClients): RegionScan {
  return async (target, context) => {
    const { signal, thresholds, now } = context;
    const balancers = await listBalancers(clients, target, signal);
    if (balancers.length === 0) return [];
    const usage = await readUsage({
      clients,
      ...target,
      queries: balancers.flatMap(balancerQueries),
      window: usageWindow(now, thresholds.loadBalancerIdle.days),
      signal,
    });
    const prices = await context.prices(target.region);
    return balancers.flatMap(lb => {
      const finding = detectIdleLoadBalancer(
        {
          arn: lb.arn,
          name: lb.name,
          kind: lb.kind,
          region: target.region,
          account: target.account,
          createdAt: lb.createdAt,
          tags: lb.tags,
          requests: usage.of(lb.arn, 'requests'),
          healthyTargets: healthySeries(lb, usage),
        },
        prices,
        now,
        thresholds.loadBalancerIdle,
      );
      return finding ? [finding] : [];
    });
  };
}

/**
 * Idle load balancers after their change: in place once deleted; while one
 * exists, it costs its hours over the window.
 */
export function elbObserve(clients: AwsClients): RegionObserve {
  return async (target, opportunities, context) => {
    const balancers = new Map(
      (await listBalancers(clients, target, context.signal, false)).map(b => [
        b.arn,
        b,
      ]),
    );
    const prices = await context.prices(target.region);
    return opportunities.flatMap(o => {
      const lb = balancers.get(o.resource.id);
      return observation(o, context.now, {
        applied: !lb,
        actualCost: lb
          ? overWindow(
              prices?.loadBalancerMonthly(lb.kind) ?? 0,
              o,
              context.now,
            )
          : 0,
      });
    });
  };
}
