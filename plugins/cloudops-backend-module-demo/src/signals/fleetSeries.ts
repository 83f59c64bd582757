import { DemoEstate, DemoService, nameOf } from '../estate/types';
import { FleetModel } from '../model/FleetModel';

/** Where a series comes from: a cluster's Prometheus, or an account's CloudWatch. */
export type Shard = string;

/** The shard of the cluster's signals and of an account's. */
export const kubernetesShard = (cluster: string) => `kubernetes:${cluster}`;
export const awsShard = (account: string) => `aws:${account}`;

/** A signal's identity on the wire: everything but its time and value. */
export interface SeriesIdentity {
  source: string;
  name: string;
  account?: string;
  region?: string;
  resource?: string;
  labels: Record<string, string>;
}

/**
 * One metric series of the simulated fleet, named and labelled as the real
 * modules name theirs (Prometheus through the Prometheus module, CloudWatch
 * through the AWS module).
 */
export interface MetricSeries {
  /** Unique and stable: `<entity ref>|<name>|<resource or pod>`. */
  key: string;
  shard: Shard;
  /** The catalog entity the series belongs to. */
  service: string;
  identity: SeriesIdentity;
  /** The value at a sample, or undefined when there is no datapoint. */
  value(model: FleetModel, t: number): number | undefined;
}

const exp = Math.exp;

function kubernetesSeries(
  estate: DemoEstate,
  service: DemoService,
): MetricSeries[] {
  if (service.runtime.type !== 'kubernetes') return [];
  const { namespace, pods } = service.runtime;
  const cluster = estate.cluster;
  const name = nameOf(service.ref);
  const shard = kubernetesShard(cluster.name);
  const base = {
    source: 'prometheus',
    account: cluster.name,
  };
  const series: MetricSeries[] = [];
  const add = (
    metric: string,
    labels: Record<string, string>,
    resource: string | undefined,
    value: MetricSeries['value'],
  ) =>
    series.push({
      key: `${service.ref}|${metric}|${resource ?? ''}`,
      shard,
      service: service.ref,
      identity: { ...base, name: metric, resource, labels },
      value,
    });

  pods.forEach((pod, i) => {
    const labels = {
      cluster: cluster.name,
      namespace,
      pod,
      container: name,
      environment: cluster.environment,
    };
    const resource = `${namespace}/${pod}`;
    const key = `${service.ref}|${pod}`;
    const crashing = (m: FleetModel, t: number) =>
      i < m.health(service.ref, t).own.crashingPods;
    add('container_cpu_usage_percent', labels, resource, (m, t) =>
      crashing(m, t)
        ? Math.max(0.1, 0.8 + 0.2 * m.noise(`${key}|cpu`, t))
        : m.cpuPercent(service, t, `${key}|cpu`),
    );
    add('container_memory_working_set_percent', labels, resource, (m, t) =>
      crashing(m, t)
        ? Math.max(0.5, 4 + 0.5 * m.noise(`${key}|mem`, t))
        : m.memoryPercent(service, t, `${key}|mem`),
    );
    add('kube_pod_crash_looping', labels, resource, (m, t) =>
      crashing(m, t) ? 1 : 0,
    );
    add('kube_container_oom_killed', labels, resource, (m, t) =>
      m.health(service.ref, t).own.oomKilled ? 1 : 0,
    );
    add('kube_container_restarts', labels, resource, (m, t) => {
      const health = m.health(service.ref, t);
      const restarts =
        i < health.own.crashingPods || health.own.oomKilled
          ? health.own.restarts
          : 0;
      return restarts + (health.evictedPods.has(i) ? 1 : 0);
    });
  });

  const labels = {
    cluster: cluster.name,
    namespace,
    app: name,
    environment: cluster.environment,
  };
  add('http_server_request_duration_p99_seconds', labels, undefined, (m, t) => {
    const h = m.health(service.ref, t);
    return h.latencySeconds * exp(0.04 * m.noise(`${service.ref}|p99`, t));
  });
  add('http_error_ratio', labels, undefined, (m, t) => {
    const h = m.health(service.ref, t);
    const usual = h.errorRatio - h.extraErrors;
    return Math.min(
      1,
      usual * exp(0.25 * m.noise(`${service.ref}|err`, t)) +
        h.extraErrors * exp(0.05 * m.noise(`${service.ref}|err2`, t)),
    );
  });
  add('http_requests_per_second', labels, undefined, (m, t) => {
    const h = m.health(service.ref, t);
    return (
      service.profile.rps *
      h.load *
      exp(0.03 * m.noise(`${service.ref}|rps`, t))
    );
  });
  return series;
}

/** CloudWatch series of one resource: the namespace, dimensions and metrics. */
function cloudWatch(
  estate: DemoEstate,
  service: DemoService,
  resource: string,
  dimensions: Record<string, string>,
  metrics: Array<[name: string, stat: string, value: MetricSeries['value']]>,
): MetricSeries[] {
  const account = estate.accounts.find(a => a.id === service.account)!;
  const region = resource.split(':')[3] || account.region;
  return metrics.map(([name, stat, value]) => ({
    key: `${service.ref}|${name}|${resource}`,
    shard: awsShard(service.account),
    service: service.ref,
    identity: {
      source: 'cloudwatch',
      name,
      account: service.account,
      region,
      resource,
      labels: { ...dimensions, stat },
    },
    value,
  }));
}

function awsSeries(estate: DemoEstate, service: DemoService): MetricSeries[] {
  const { runtime, profile } = service;
  const ref = service.ref;
  const series: MetricSeries[] = [];
  const noise = (m: FleetModel, what: string, t: number) =>
    m.noise(`${ref}|${what}`, t);
  if (runtime.type === 'ecs') {
    series.push(
      ...cloudWatch(
        estate,
        service,
        runtime.arn,
        {
          namespace: 'AWS/ECS',
          ClusterName: runtime.cluster,
          ServiceName: nameOf(ref),
        },
        [
          [
            'CPUUtilization',
            'Average',
            (m, t) => m.cpuPercent(service, t, `${ref}|cpu`),
          ],
          [
            'MemoryUtilization',
            'Average',
            (m, t) => m.memoryPercent(service, t, `${ref}|mem`),
          ],
        ],
      ),
    );
  }
  if (runtime.type === 'ec2') {
    series.push(
      ...cloudWatch(
        estate,
        service,
        runtime.arn,
        { namespace: 'AWS/EC2', InstanceId: runtime.instanceId },
        [
          [
            'CPUUtilization',
            'Average',
            (m, t) => m.cpuPercent(service, t, `${ref}|cpu`),
          ],
        ],
      ),
    );
  }
  if (service.targetGroupArn) {
    const targetGroup = service.targetGroupArn.split(':').pop()!;
    series.push(
      ...cloudWatch(
        estate,
        service,
        service.targetGroupArn,
        { namespace: 'AWS/ApplicationELB', TargetGroup: targetGroup },
        [
          [
            'TargetResponseTime',
            'p99',
            (m, t) =>
              m.health(ref, t).latencySeconds * exp(0.04 * noise(m, 'trt', t)),
          ],
          [
            'HTTPCode_Target_5XX_Count',
            'Sum',
            (m, t) => {
              const h = m.health(ref, t);
              const requests = profile.rps * 60 * h.load;
              return Math.round(
                requests * h.errorRatio * exp(0.2 * noise(m, '5xx', t)),
              );
            },
          ],
          [
            'RequestCount',
            'Sum',
            (m, t) =>
              Math.round(
                profile.rps *
                  60 *
                  m.health(ref, t).load *
                  exp(0.03 * noise(m, 'requests', t)),
              ),
          ],
        ],
      ),
    );
  }
  const down = (m: FleetModel, t: number) => m.health(ref, t).own.down;
  /** A database's or cache's CPU and connections: both fall when it goes down. */
  const datastore = (
    cpu: string,
    connections: string,
  ): Array<[string, string, MetricSeries['value']]> => [
    [
      cpu,
      'Average',
      (m, t) => m.cpuPercent(service, t, `${ref}|cpu`) * (1 - 0.9 * down(m, t)),
    ],
    [
      connections,
      'Average',
      (m, t) =>
        Math.round(
          (profile.connections ?? 0) *
            (0.5 + 0.5 * m.health(ref, t).load) *
            (1 - 0.97 * down(m, t)) *
            exp(0.05 * noise(m, 'connections', t)),
        ),
    ],
  ];
  if (runtime.type === 'rds') {
    series.push(
      ...cloudWatch(
        estate,
        service,
        runtime.arn,
        { namespace: 'AWS/RDS', DBInstanceIdentifier: runtime.identifier },
        [
          ...datastore('CPUUtilization', 'DatabaseConnections'),
          [
            'ReadLatency',
            'Average',
            (m, t) =>
              profile.latency *
                (1 + 0.3 * m.health(ref, t).load) *
                exp(0.08 * noise(m, 'read', t)) +
              4 * down(m, t),
          ],
        ],
      ),
    );
  }
  if (runtime.type === 'elasticache') {
    series.push(
      ...cloudWatch(
        estate,
        service,
        runtime.arn,
        {
          namespace: 'AWS/ElastiCache',
          ReplicationGroupId: runtime.identifier,
        },
        [
          ...datastore('EngineCPUUtilization', 'CurrConnections'),
          [
            'DatabaseMemoryUsagePercentage',
            'Average',
            (m, t) => profile.memory + 0.3 * noise(m, 'mem', t),
          ],
        ],
      ),
    );
  }
  if (runtime.type === 'sqs') {
    series.push(
      ...cloudWatch(
        estate,
        service,
        runtime.arn,
        { namespace: 'AWS/SQS', QueueName: runtime.queueName },
        [
          [
            'ApproximateNumberOfMessagesVisible',
            'Average',
            (m, t) =>
              Math.round(
                profile.rps *
                  3 *
                  m.health(ref, t).load *
                  exp(0.2 * noise(m, 'visible', t)),
              ),
          ],
          [
            'ApproximateAgeOfOldestMessage',
            'Maximum',
            (m, t) => profile.latency * exp(0.2 * noise(m, 'age', t)),
          ],
        ],
      ),
    );
  }
  return series;
}

function nodeSeries(estate: DemoEstate): MetricSeries[] {
  const { cluster } = estate;
  const idle = cluster.nodes[cluster.nodes.length - 1].name;
  return cluster.nodes.flatMap(node => {
    const labels = { cluster: cluster.name, node: node.name };
    const series = (
      name: string,
      value: MetricSeries['value'],
    ): MetricSeries => ({
      key: `${cluster.entityRef}|${name}|${node.name}`,
      shard: kubernetesShard(cluster.name),
      service: cluster.entityRef,
      identity: {
        source: 'prometheus',
        name,
        account: cluster.name,
        resource: node.name,
        labels,
      },
      value,
    });
    const notReady = (m: FleetModel, t: number) =>
      m.clusterEffects(t).notReadyNodes.includes(node.name);
    const usage = (
      m: FleetModel,
      t: number,
      what: string,
      [night, peak]: [number, number],
    ) => {
      if (notReady(m, t)) return undefined; // the node stopped reporting
      const noise = m.noise(`${cluster.entityRef}|${node.name}|${what}`, t);
      if (node.name === idle) return Math.max(0.5, 2.5 + 0.4 * noise);
      const failed = m.clusterEffects(t).notReadyNodes.length;
      const h = m.health(cluster.entityRef, t);
      return Math.min(
        100,
        night + (peak - night) * h.load + 12 * failed + 1.5 * noise,
      );
    };
    return [
      series('kube_node_not_ready', (m, t) => (notReady(m, t) ? 1 : 0)),
      series('node_cpu_usage_percent', (m, t) => usage(m, t, 'cpu', [20, 55])),
      series('node_memory_usage_percent', (m, t) =>
        usage(m, t, 'mem', [52, 64]),
      ),
    ];
  });
}

/** Every metric series of the simulated fleet. */
export function fleetSeries(estate: DemoEstate): MetricSeries[] {
  return [
    ...estate.services.flatMap(s => [
      ...kubernetesSeries(estate, s),
      ...awsSeries(estate, s),
    ]),
    ...nodeSeries(estate),
  ];
}
