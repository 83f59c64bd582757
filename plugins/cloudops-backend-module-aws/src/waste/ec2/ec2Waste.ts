import {
  CloudWatchClient,
  paginateListMetrics,
} from '@aws-sdk/client-cloudwatch';
import { EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import {
  detectEc2Idle,
  detectEc2Rightsizing,
  Ec2InstanceRef,
  isManagedCapacity,
  SeriesPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../../clients/AwsClients';
import { RegionScan, usageWindow, WasteTarget } from '../AwsWasteDetector';
import { readUsage, UsageQuery } from '../readUsage';
import { tagRecord } from '../tags';

/** The detector id, as detector health and opportunities show it. */
export const EC2_WASTE_ID = 'aws-ec2';

const HOUR = 3600;
/** The CloudWatch agent's memory metric on Linux. */
const AGENT_NAMESPACE = 'CWAgent';
const AGENT_MEMORY = 'mem_used_percent';

/** An instance and its state (`running`, `stopped`…). */
export type DescribedInstance = Ec2InstanceRef & { state: string };

/** Instances of an account-region in the given states (DescribeInstances, paged); all without. */
export async function describeInstances(
  clients: AwsClients,
  { account, region }: WasteTarget,
  signal?: AbortSignal,
  states?: string[],
): Promise<DescribedInstance[]> {
  return clients.call(
    { account, region },
    EC2Client,
    async client => {
      const found: DescribedInstance[] = [];
      for await (const page of paginateDescribeInstances(
        { client, pageSize: 1000 },
        {
          Filters: states && [{ Name: 'instance-state-name', Values: states }],
        },
      )) {
        signal?.throwIfAborted();
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            const tags = tagRecord(instance.Tags);
            found.push({
              arn: `arn:aws:ec2:${region}:${account}:instance/${instance.InstanceId}`,
              instanceId: instance.InstanceId!,
              instanceType: instance.InstanceType!,
              region,
              account,
              name: tags.Name,
              tags,
              state: instance.State?.Name ?? 'unknown',
            });
          }
        }
      }
      return found;
    },
    signal,
  );
}

/**
 * The CloudWatch agent's memory series per instance id, with the exact
 * dimensions the agent publishes them under (its `append_dimensions` add
 * ImageId, InstanceType, AutoScalingGroupName…; GetMetricData needs them
 * all), from ListMetrics.
 */
async function agentMemorySeries(
  clients: AwsClients,
  { account, region }: WasteTarget,
  signal?: AbortSignal,
): Promise<Map<string, Record<string, string>>> {
  return clients.call(
    { account, region },
    CloudWatchClient,
    async client => {
      const byInstance = new Map<string, Record<string, string>>();
      for await (const page of paginateListMetrics(
        { client },
        { Namespace: AGENT_NAMESPACE, MetricName: AGENT_MEMORY },
      )) {
        signal?.throwIfAborted();
        for (const metric of page.Metrics ?? []) {
          const dimensions = Object.fromEntries(
            (metric.Dimensions ?? []).map(d => [d.Name!, d.Value!]),
          );
          const id = dimensions.InstanceId;
          // The fewest dimensions: the series of the instance as a whole.
          const known = byInstance.get(id);
          if (
            id &&
            (!known ||
              Object.keys(dimensions).length < Object.keys(known).length)
          ) {
            byInstance.set(id, dimensions);
          }
        }
      }
      return byInstance;
    },
    signal,
  );
}

/** Hourly CloudWatch series of an instance: CPU average and peak, network, memory. */
function instanceQueries(
  instance: Ec2InstanceRef,
  memory: Record<string, string> | undefined,
): UsageQuery[] {
  const ec2 = (series: string, metric: string, stat: string): UsageQuery => ({
    resource: instance.arn,
    series,
    namespace: 'AWS/EC2',
    metric,
    dimensions: { InstanceId: instance.instanceId },
    stat,
    periodSeconds: HOUR,
  });
  return [
    ec2('cpuAverage', 'CPUUtilization', 'Average'),
    ec2('cpuMaximum', 'CPUUtilization', 'Maximum'),
    ec2('networkIn', 'NetworkIn', 'Sum'),
    ec2('networkOut', 'NetworkOut', 'Sum'),
    ...(memory
      ? [
          {
            resource: instance.arn,
            series: 'memory',
            namespace: AGENT_NAMESPACE,
            metric: AGENT_MEMORY,
            dimensions: memory,
            stat: 'Maximum',
            periodSeconds: HOUR,
          },
        ]
      : []),
  ];
}

/** NetworkIn + NetworkOut per hour (an hour with only one counts it alone). */
function addSeries(
  a: readonly SeriesPoint[],
  b: readonly SeriesPoint[],
): SeriesPoint[] {
  const sums = new Map<number, number>();
  for (const p of [...a, ...b]) {
    sums.set(p.timestamp, (sums.get(p.timestamp) ?? 0) + p.value);
  }
  return [...sums.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([timestamp, value]) => ({ timestamp, value }));
}

/**
 * EC2 waste of an account-region: running instances (DescribeInstances),
 * their hourly CPUUtilization (average and maximum), NetworkIn and
 * NetworkOut over the look-back, and memory from the CloudWatch agent
 * where it publishes `mem_used_percent`; an instance Trusted Advisor's rule
 * finds idle is reported idle, else it is checked for right-sizing.
 *
 * Instances of EKS and other Kubernetes clusters, of Karpenter and of Auto
 * Scaling groups are skipped, their usage not even read
 * ({@link isManagedCapacity}): the Kubernetes idle-node detector judges a
 * cluster's nodes (and drains an idle one rather than stopping it), so
 * flagging them here too would count a node's cost twice; and an Auto
 * Scaling group replaces an instance that is stopped and launches its own
 * type, so the fix there is the group's capacity, not one instance.
 */
export function ec2Scan(clients: AwsClients): RegionScan {
  return async (target, context) => {
    const { signal, thresholds, now } = context;
    const [running, memory] = await Promise.all([
      describeInstances(clients, target, signal, ['running']),
      agentMemorySeries(clients, target, signal),
    ]);
    const instances = running.filter(i => !isManagedCapacity(i));
    if (instances.length === 0) return [];
    const usage = await readUsage({
      clients,
      ...target,
      queries: instances.flatMap(i =>
        instanceQueries(i, memory.get(i.instanceId)),
      ),
      window: usageWindow(
        now,
        Math.max(
          thresholds.ec2Idle.lookbackDays,
          thresholds.rightsizing.lookbackDays,
        ),
      ),
      signal,
    });
    const prices = await context.prices(target.region);
    return instances.flatMap(instance => {
      const of = (series: string) => usage.of(instance.arn, series);
      const finding =
        detectEc2Idle(
          {
            ...instance,
            cpu: of('cpuAverage'),
            network: addSeries(of('networkIn'), of('networkOut')),
          },
          prices,
          now,
          thresholds.ec2Idle,
        ) ??
        detectEc2Rightsizing(
          {
            ...instance,
            cpu: of('cpuMaximum'),
            memory: memory.has(instance.instanceId) ? of('memory') : undefined,
          },
          prices,
          now,
          thresholds.rightsizing,
        );
      return finding ? [finding] : [];
    });
  };
}
