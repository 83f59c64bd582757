import { nameOf } from '../estate/types';
import { FleetModel } from '../model/FleetModel';
import { HOUR_MS } from '../model/seasonality';
import { MetricSeries } from '../signals/fleetSeries';
import { DemoFleet } from './DemoFleet';
import {
  Ec2Instance,
  EbsVolume,
  EcsService,
  fleetInventory,
  FleetInventory,
  KubernetesNode,
  KubernetesWorkload,
  LoadBalancer,
  RdsInstance,
  UNUSED,
} from './inventory';
import {
  HISTORY_DAYS,
  SeriesPoint,
  seriesValues,
  StepAggregate,
} from './seriesQuery';

/**
 * The window usage is read over: by default the last 14 days (the
 * simulated history) in hourly steps.
 *
 * @public
 */
export interface UsageWindow {
  from?: Date;
  to?: Date;
  /** Milliseconds per point (default one hour). */
  stepMs?: number;
  /** Samples of the simulated minutes read per point (default 12). */
  samplesPerStep?: number;
}

/** @public */
export type Ec2InstanceUsage = Ec2Instance & {
  /** Hourly average `CPUUtilization`, percent. */
  cpu: SeriesPoint[];
  /** Hourly maxima of `CPUUtilization`, percent (what rightsizing sizes for). */
  cpuPeak: SeriesPoint[];
  /** Hourly `NetworkIn` + `NetworkOut`, bytes. */
  network: SeriesPoint[];
};

/** @public */
export type RdsInstanceUsage = RdsInstance & {
  /** Hourly maxima of `DatabaseConnections`. */
  connections: SeriesPoint[];
};

/** @public */
export type LoadBalancerUsage = LoadBalancer & {
  /** Hourly `RequestCount` sums over its target groups. */
  requests: SeriesPoint[];
  /** Hourly maxima of `HealthyHostCount` over its target groups. */
  healthyTargets: SeriesPoint[];
};

/** @public */
export type EcsServiceUsage = EcsService & {
  /** Hourly maxima of `CPUUtilization`, percent of the task's CPU. */
  cpu: SeriesPoint[];
  /** Hourly maxima of `MemoryUtilization`, percent of the task's memory. */
  memory: SeriesPoint[];
};

/** @public */
export type KubernetesWorkloadUsage = KubernetesWorkload & {
  /** CPU one pod uses, cores (the busiest pod, hourly maxima). */
  cpu: SeriesPoint[];
  /** Memory working set of one pod, bytes (hourly maxima). */
  memory: SeriesPoint[];
};

/** @public */
export type KubernetesNodeUsage = KubernetesNode & {
  /** CPU used on the node, cores (hourly averages). */
  cpu: SeriesPoint[];
  /** Memory working set on the node, bytes (hourly maxima). */
  memory: SeriesPoint[];
};

/** A series of a resource that has no signals: only its usage is simulated. */
function usageOnly(
  key: string,
  value: (model: FleetModel, t: number) => number,
): MetricSeries {
  return {
    key,
    shard: 'usage',
    service: key,
    identity: { source: 'usage', name: key, labels: {} },
    value,
  };
}

const MB = 1_000_000;

/**
 * Maps items one at a time, letting the event loop run between them: a
 * resource's 14 days take a moment to simulate.
 */
async function inTurn<T, R>(items: T[], fn: (item: T) => R): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) {
    await new Promise(resolve => setImmediate(resolve));
    results.push(fn(item));
  }
  return results;
}

/**
 * Usage of every resource in the simulated inventory over a window, in the
 * shapes the savings detection functions of
 * `@cloudops-ai/backstage-plugin-cloudops-node` take (hourly series of
 * epoch-millisecond points). Resources behind catalog services take their
 * usage from the same series the fleet's signals come from (so a chaos
 * scenario shows in them); the waste that no service owns (an idle
 * instance, database and load balancer) has its own quiet series.
 *
 * @public
 */
export class FleetUsage {
  private last?: { from: number; to: number; model: Promise<FleetModel> };

  constructor(private readonly fleet: DemoFleet) {}

  /** The inventory now. */
  inventory(): FleetInventory {
    return fleetInventory(this.fleet.estate, this.fleet.clock.now());
  }

  /** Unattached and attached volumes (no usage series: state and age decide). */
  ebsVolumes(): EbsVolume[] {
    return this.inventory().ebsVolumes;
  }

  async ec2Instances(window: UsageWindow = {}): Promise<Ec2InstanceUsage[]> {
    const read = await this.reader(window);
    const { cluster } = this.fleet.estate;
    return inTurn(this.inventory().ec2Instances, instance => {
      const node = cluster.nodes.find(
        n => n.instanceId === instance.instanceId,
      );
      let cpu: MetricSeries;
      let networkPerHour: (m: FleetModel, t: number) => number;
      if (node) {
        cpu = this.series(
          `${cluster.entityRef}|node_cpu_usage_percent|${node.name}`,
        );
        networkPerHour = (m, t) =>
          2_000 * MB * m.health(cluster.entityRef, t).load;
      } else if (instance.entityRef) {
        cpu = this.seriesOf(instance.entityRef, 'CPUUtilization');
        networkPerHour = (m, t) =>
          60 * MB * m.health(instance.entityRef!, t).load;
      } else {
        cpu = usageOnly(`${instance.arn}|cpu`, (m, t) =>
          Math.max(0.2, 1.2 + 0.3 * m.noise(`${instance.arn}|cpu`, t)),
        );
        networkPerHour = (m, t) =>
          Math.max(
            0,
            0.15 * MB + 0.03 * MB * m.noise(`${instance.arn}|net`, t),
          );
      }
      const network = usageOnly(
        `${instance.arn}|network`,
        (m, t) => networkPerHour(m, t) / (HOUR_MS / 60_000),
      );
      return {
        ...instance,
        cpu: read(cpu, 'avg'),
        cpuPeak: read(cpu, 'max'),
        network: read(network, 'sum'),
      };
    });
  }

  async rdsInstances(window: UsageWindow = {}): Promise<RdsInstanceUsage[]> {
    const read = await this.reader(window);
    return inTurn(this.inventory().rdsInstances, db => ({
      ...db,
      connections: read(
        db.entityRef
          ? this.seriesOf(db.entityRef, 'DatabaseConnections')
          : usageOnly(`${db.arn}|connections`, () => 0),
        'max',
      ),
    }));
  }

  async loadBalancers(window: UsageWindow = {}): Promise<LoadBalancerUsage[]> {
    const read = await this.reader(window);
    const byTargetGroup = new Map(
      this.fleet.signals.series
        .filter(s => s.identity.name === 'RequestCount')
        .map(s => [s.identity.resource!, s]),
    );
    return inTurn(this.inventory().loadBalancers, lb => {
      const groups = lb.targetGroupArns.flatMap(arn => {
        const series = byTargetGroup.get(arn);
        return series ? [series] : [];
      });
      const requests = usageOnly(`${lb.arn}|requests`, (m, t) => {
        if (lb.arn === UNUSED.idleLoadBalancer.arn) {
          // Health checks from a forgotten monitor: a few a day.
          return m.noise(`${lb.arn}|requests`, t) > 2.2 ? 1 : 0;
        }
        return groups.reduce((sum, s) => sum + (s.value(m, t) ?? 0), 0);
      });
      const healthy = usageOnly(`${lb.arn}|healthy`, () =>
        lb.arn === UNUSED.idleLoadBalancer.arn
          ? 0
          : lb.targetGroupArns.length * 2,
      );
      return {
        ...lb,
        requests: read(requests, 'sum'),
        healthyTargets: read(healthy, 'max'),
      };
    });
  }

  async ecsServices(window: UsageWindow = {}): Promise<EcsServiceUsage[]> {
    const read = await this.reader(window);
    return inTurn(this.inventory().ecsServices, service => ({
      ...service,
      cpu: read(this.seriesOf(service.entityRef, 'CPUUtilization'), 'max'),
      memory: read(
        this.seriesOf(service.entityRef, 'MemoryUtilization'),
        'max',
      ),
    }));
  }

  async kubernetesWorkloads(
    window: UsageWindow = {},
  ): Promise<KubernetesWorkloadUsage[]> {
    const read = await this.reader(window);
    return inTurn(this.inventory().kubernetes.workloads, workload => {
      const share = (name: string, of: number) => {
        const pod = this.seriesOf(workload.entityRef, name);
        return usageOnly(
          `${pod.key}|absolute`,
          (m, t) => ((pod.value(m, t) ?? 0) / 100) * of,
        );
      };
      return {
        ...workload,
        cpu: read(
          share('container_cpu_usage_percent', workload.cpuLimitCores),
          'max',
        ),
        memory: read(
          share(
            'container_memory_working_set_percent',
            workload.memoryLimitBytes,
          ),
          'max',
        ),
      };
    });
  }

  async kubernetesNodes(
    window: UsageWindow = {},
  ): Promise<KubernetesNodeUsage[]> {
    const read = await this.reader(window);
    const { cluster } = this.fleet.estate;
    return inTurn(this.inventory().kubernetes.nodes, node => {
      const share = (name: string, of: number) => {
        const series = this.series(`${cluster.entityRef}|${name}|${node.node}`);
        return usageOnly(
          `${series.key}|absolute`,
          (m, t) => ((series.value(m, t) ?? 0) / 100) * of,
        );
      };
      return {
        ...node,
        cpu: read(
          share('node_cpu_usage_percent', node.allocatableCpuCores),
          'avg',
        ),
        memory: read(
          share('node_memory_usage_percent', node.allocatableMemoryBytes),
          'max',
        ),
      };
    });
  }

  /** Reads series over the window with the scenarios that happened in it. */
  private async reader(window: UsageWindow) {
    const now = this.fleet.clock.now();
    const to = window.to?.getTime() ?? now;
    const from = window.from?.getTime() ?? to - HISTORY_DAYS * 24 * HOUR_MS;
    const stepMs = window.stepMs ?? HOUR_MS;
    const { samplesPerStep } = window;
    if (!(from < to) || to > now) {
      throw new Error(
        `A usage window must end by now (${new Date(
          now,
        ).toISOString()}) and start before it ends`,
      );
    }
    // Reads over the same window share one model (and what it has worked out).
    if (this.last?.from !== from || this.last.to !== to) {
      this.last = { from, to, model: this.fleet.model(from, to) };
    }
    const model = await this.last.model;
    return (series: MetricSeries, aggregate: StepAggregate) =>
      seriesValues(series, model, {
        from,
        to,
        stepMs,
        aggregate,
        samplesPerStep,
      }).points;
  }

  private series(key: string): MetricSeries {
    const found = this.fleet.signals.series.find(s => s.key === key);
    if (!found) throw new Error(`The demo fleet has no series ${key}`);
    return found;
  }

  /** The first series of an entity with this name (a workload's first pod). */
  private seriesOf(entityRef: string, name: string): MetricSeries {
    const found = this.fleet.signals.series.find(
      s => s.service === entityRef && s.identity.name === name,
    );
    if (!found) {
      throw new Error(`The demo fleet has no ${name} for ${nameOf(entityRef)}`);
    }
    return found;
  }
}
