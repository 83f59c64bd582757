import { OpportunityKind } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { FakeAws } from '../../__testUtils__/fakeAws';
import {
  FakeInstance,
  FakeVolume,
} from '../../__testUtils__/fakeAws/services/ec2';
import { FakeEcsService } from '../../__testUtils__/fakeAws/services/ecs';
import { FakeDbInstance } from '../../__testUtils__/fakeAws/services/rds';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** What a seeded resource is, and what its detector should report. */
export interface Expected {
  /** The resource's ARN, as opportunities name it. */
  id: string;
  label: string;
  kind?: OpportunityKind;
}

/** Deterministic noise in [-1, 1]. */
export function noise(i: number, seed = 1): number {
  const x = Math.sin(i * 12.9898 + seed * 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/**
 * Seeds usage shapes and the inventory that goes with them into the fake,
 * for `now`: hourly samples over the 15 days before the hour of `now`.
 */
export class WasteFleet {
  readonly expected: Expected[] = [];
  /** What was handed to the fake, by id, to change as a remediation would. */
  readonly instances = new Map<string, FakeInstance>();
  readonly volumes = new Map<string, FakeVolume>();
  readonly databases = new Map<string, FakeDbInstance>();
  readonly services = new Map<string, FakeEcsService>();
  private readonly firstHour: number;
  private readonly lastHour: number;

  constructor(
    private readonly fake: FakeAws,
    readonly account: string,
    readonly region: string,
    readonly now: Date,
  ) {
    this.lastHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    this.firstHour = this.lastHour - 15 * DAY_MS;
  }

  /** Puts one sample per hour from `f(hour index, hour of day)`; undefined skips the hour. */
  hourly(
    namespace: string,
    metricName: string,
    dimensions: Record<string, string>,
    f: (i: number, hourOfDay: number, hoursAgo: number) => number | undefined,
  ) {
    const key = {
      account: this.account,
      region: this.region,
      namespace,
      metricName,
      dimensions: Object.entries(dimensions).map(([Name, Value]) => ({
        Name,
        Value,
      })),
    };
    for (let t = this.firstHour, i = 0; t < this.lastHour; t += HOUR_MS, i++) {
      const value = f(
        i,
        new Date(t).getUTCHours(),
        (this.lastHour - t) / HOUR_MS,
      );
      if (value !== undefined) this.fake.cloudwatch.metrics.put(key, t, value);
    }
  }

  private arn(service: string, resource: string) {
    return `arn:aws:${service}:${this.region}:${this.account}:${resource}`;
  }

  /** A running instance with hourly CPU (percent), network (bytes in and out) and, optionally, agent memory. */
  instance(options: {
    id: string;
    type: string;
    label: string;
    kind?: OpportunityKind;
    cpu: (i: number, hourOfDay: number, hoursAgo: number) => number | undefined;
    networkBytes: (
      i: number,
      hourOfDay: number,
      hoursAgo: number,
    ) => number | undefined;
    memoryPercent?: (i: number) => number;
    tags?: Record<string, string>;
  }) {
    const instance: FakeInstance = {
      instanceId: options.id,
      instanceType: options.type,
      instanceState: { code: 16, name: 'running' },
      launchTime: new Date(this.firstHour - 30 * DAY_MS),
      tagSet: Object.entries({ Name: options.id, ...options.tags }).map(
        ([key, value]) => ({ key, value }),
      ),
    };
    this.instances.set(options.id, instance);
    this.fake.ec2.addInstance(this.account, this.region, instance);
    const dims = { InstanceId: options.id };
    this.hourly('AWS/EC2', 'CPUUtilization', dims, options.cpu);
    const half = (i: number, hour: number, ago: number) => {
      const bytes = options.networkBytes(i, hour, ago);
      return bytes === undefined ? undefined : bytes / 2;
    };
    this.hourly('AWS/EC2', 'NetworkIn', dims, half);
    this.hourly('AWS/EC2', 'NetworkOut', dims, half);
    if (options.memoryPercent) {
      // The agent's default append_dimensions: the query must name them all.
      this.hourly(
        'CWAgent',
        'mem_used_percent',
        { ...dims, ImageId: 'ami-0abc', InstanceType: options.type },
        options.memoryPercent,
      );
    }
    this.expected.push({
      id: this.arn('ec2', `instance/${options.id}`),
      label: options.label,
      kind: options.kind,
    });
  }

  /** An instance that is stopped: never listed, never flagged. */
  stoppedInstance(id: string) {
    this.fake.ec2.addInstance(this.account, this.region, {
      instanceId: id,
      instanceType: 'm5.xlarge',
      instanceState: { code: 80, name: 'stopped' },
      launchTime: new Date(this.firstHour - 30 * DAY_MS),
    });
  }

  /** A volume; `attachedUntilHoursAgo` says when its metrics (attachment) ended. */
  volume(options: {
    id: string;
    label: string;
    kind?: OpportunityKind;
    status: 'available' | 'in-use';
    createdDaysAgo: number;
    attachedUntilHoursAgo?: number;
    sizeGiB?: number;
  }) {
    const volume: FakeVolume = {
      volumeId: options.id,
      size: options.sizeGiB ?? 100,
      volumeType: 'gp3',
      iops: 3000,
      throughput: 125,
      status: options.status,
      availabilityZone: `${this.region}a`,
      createTime: new Date(
        this.now.getTime() - options.createdDaysAgo * DAY_MS,
      ),
      attachmentSet:
        options.status === 'in-use'
          ? [
              {
                instanceId: 'i-0attached',
                device: '/dev/xvdf',
                state: 'attached',
              },
            ]
          : [],
    };
    this.volumes.set(options.id, volume);
    this.fake.ec2.addVolume(this.account, this.region, volume);
    if (options.attachedUntilHoursAgo !== undefined) {
      const until = options.attachedUntilHoursAgo;
      this.hourly(
        'AWS/EBS',
        'VolumeIdleTime',
        { VolumeId: options.id },
        (_i, _h, ago) => (ago > until ? 3500 : undefined),
      );
    }
    this.expected.push({
      id: this.arn('ec2', `volume/${options.id}`),
      label: options.label,
      kind: options.kind,
    });
  }

  /** A load balancer with hourly traffic and, per target group, healthy targets. */
  loadBalancer(options: {
    name: string;
    type: 'application' | 'network';
    label: string;
    kind?: OpportunityKind;
    createdDaysAgo: number;
    requestsPerHour: (i: number) => number;
    healthyNow: boolean;
    healthyPerHour?: number;
  }) {
    const arn = this.fake.elbv2.addLoadBalancer(this.account, this.region, {
      name: options.name,
      type: options.type,
      createdTime: new Date(
        this.now.getTime() - options.createdDaysAgo * DAY_MS,
      ),
      tags: { service: options.name },
      targetGroups: [
        {
          name: `${options.name}-tg`,
          targets: [
            { id: 'i-1', state: options.healthyNow ? 'healthy' : 'unhealthy' },
          ],
        },
      ],
    });
    const lbDimension = arn.slice(arn.indexOf(':loadbalancer/') + 14);
    const namespace =
      options.type === 'application' ? 'AWS/ApplicationELB' : 'AWS/NetworkELB';
    this.hourly(
      namespace,
      options.type === 'application' ? 'RequestCount' : 'NewFlowCount',
      { LoadBalancer: lbDimension },
      options.requestsPerHour,
    );
    const tgArn = `targetgroup/${options.name}-tg/${Buffer.from(
      `${options.name}/${options.name}-tg`,
    )
      .toString('hex')
      .padEnd(16, '0')
      .slice(0, 16)}`;
    this.hourly(
      namespace,
      'HealthyHostCount',
      { LoadBalancer: lbDimension, TargetGroup: tgArn },
      () => options.healthyPerHour ?? (options.healthyNow ? 1 : 0),
    );
    this.expected.push({ id: arn, label: options.label, kind: options.kind });
  }

  /** A DB instance with hourly connections. */
  database(options: {
    id: string;
    label: string;
    kind?: OpportunityKind;
    status?: string;
    readReplicaSource?: string;
    cluster?: string;
    connections: (i: number) => number;
  }) {
    const db: FakeDbInstance = {
      readReplicaSource: options.readReplicaSource,
      cluster: options.cluster,
      identifier: options.id,
      instanceClass: 'db.m5.large',
      engine: 'postgres',
      status: options.status,
      allocatedStorage: 100,
      createTime: new Date(this.firstHour - 60 * DAY_MS),
      tags: { service: options.id },
    };
    this.databases.set(options.id, db);
    this.fake.rds.addDbInstance(this.account, this.region, db);
    this.hourly(
      'AWS/RDS',
      'CPUUtilization',
      { DBInstanceIdentifier: options.id },
      () => 3,
    );
    this.hourly(
      'AWS/RDS',
      'DatabaseConnections',
      { DBInstanceIdentifier: options.id },
      options.connections,
    );
    if (options.status === undefined || options.status === 'available') {
      this.expected.push({
        id: this.arn('rds', `db:${options.id}`),
        label: options.label,
        kind: options.kind,
      });
    }
  }

  /** An ECS service with hourly CPU and memory utilisation (percent of the task). */
  ecsService(options: {
    cluster: string;
    name: string;
    label: string;
    kind?: OpportunityKind;
    launchType?: 'FARGATE' | 'EC2';
    cpuUnits: number;
    memoryMiB: number;
    desiredCount: number;
    cpu: (i: number) => number;
    memory: (i: number) => number;
  }) {
    const service: FakeEcsService = {
      cluster: options.cluster,
      name: options.name,
      launchType: options.launchType,
      desiredCount: options.desiredCount,
      taskCpu: options.cpuUnits,
      taskMemory: options.memoryMiB,
      tags: { service: options.name },
    };
    this.services.set(options.name, service);
    this.fake.ecs.addService(this.account, this.region, service);
    const dims = { ClusterName: options.cluster, ServiceName: options.name };
    this.hourly('AWS/ECS', 'CPUUtilization', dims, options.cpu);
    this.hourly('AWS/ECS', 'MemoryUtilization', dims, options.memory);
    if (options.launchType !== 'EC2') {
      this.expected.push({
        id: this.arn('ecs', `service/${options.cluster}/${options.name}`),
        label: options.label,
        kind: options.kind,
      });
    }
  }

  /** The expected outcome of every resource a detector reads, by ARN. */
  expectedKinds(): Record<string, OpportunityKind | 'none'> {
    return Object.fromEntries(this.expected.map(e => [e.id, e.kind ?? 'none']));
  }
}

/**
 * One of each usage shape the detectors tell apart: idle, bursty,
 * oversized (with agent memory), right-sized and stopped instances;
 * orphaned, recently detached, never attached and attached volumes; idle,
 * active, target-less and new load balancers; idle, rarely used and stopped
 * databases; oversized, right-sized and EC2-backed ECS services.
 */
export function seedWasteShapes(fleet: WasteFleet) {
  const MB = 1_000_000;
  fleet.instance({
    id: 'i-0idle',
    type: 'm5.xlarge',
    label: 'idle',
    kind: 'ec2-idle',
    cpu: i => 1.5 + noise(i),
    networkBytes: () => 0.1 * MB,
  });
  fleet.instance({
    id: 'i-0bursty',
    type: 'm5.xlarge',
    label: 'bursty',
    cpu: (i, hour) => (hour === 2 ? 88 + noise(i) : 2 + noise(i)),
    networkBytes: () => 0.1 * MB,
  });
  fleet.instance({
    id: 'i-0oversized',
    type: 'm5.2xlarge',
    label: 'oversized',
    kind: 'ec2-rightsize',
    cpu: i => 12 + 3 * noise(i),
    networkBytes: () => 50 * MB,
    memoryPercent: i => 18 + 2 * noise(i, 2),
  });
  fleet.instance({
    id: 'i-0rightsized',
    type: 'm5.large',
    label: 'right-sized',
    cpu: (i, hour) => 55 + 20 * Math.sin((hour / 24) * 2 * Math.PI) + noise(i),
    networkBytes: () => 200 * MB,
    memoryPercent: () => 70,
  });
  fleet.stoppedInstance('i-0stopped');

  fleet.volume({
    id: 'vol-0orphan',
    label: 'orphaned',
    kind: 'ebs-orphan',
    status: 'available',
    createdDaysAgo: 90,
    attachedUntilHoursAgo: 10 * 24,
  });
  fleet.volume({
    id: 'vol-0recent',
    label: 'recently detached',
    status: 'available',
    createdDaysAgo: 90,
    attachedUntilHoursAgo: 2 * 24,
  });
  fleet.volume({
    id: 'vol-0never',
    label: 'never attached',
    kind: 'ebs-orphan',
    status: 'available',
    createdDaysAgo: 12,
  });
  fleet.volume({
    id: 'vol-0attached',
    label: 'attached',
    status: 'in-use',
    createdDaysAgo: 90,
    attachedUntilHoursAgo: 0,
  });

  fleet.loadBalancer({
    name: 'idle-alb',
    type: 'application',
    label: 'idle',
    kind: 'load-balancer-idle',
    createdDaysAgo: 60,
    requestsPerHour: i => (i % 24 === 0 ? 3 : 0),
    healthyNow: true,
  });
  fleet.loadBalancer({
    name: 'busy-alb',
    type: 'application',
    label: 'active',
    createdDaysAgo: 60,
    requestsPerHour: i => 400 + 50 * noise(i),
    healthyNow: true,
  });
  fleet.loadBalancer({
    name: 'dead-nlb',
    type: 'network',
    label: 'no healthy targets',
    kind: 'load-balancer-idle',
    createdDaysAgo: 60,
    requestsPerHour: () => 500,
    healthyNow: false,
  });
  fleet.loadBalancer({
    name: 'new-alb',
    type: 'application',
    label: 'too new to judge',
    createdDaysAgo: 2,
    requestsPerHour: () => 0,
    healthyNow: true,
  });

  fleet.database({
    id: 'idle-db',
    label: 'idle',
    kind: 'rds-idle',
    connections: () => 0,
  });
  fleet.database({
    id: 'weekly-db',
    label: 'rarely used',
    connections: i => (i === 24 * 12 + 3 ? 2 : 0),
  });
  fleet.database({
    id: 'stopped-db',
    label: 'stopped',
    status: 'stopped',
    connections: () => 0,
  });
  fleet.database({
    id: 'replica-db',
    label: 'a read replica (standby for its source, no clients of its own)',
    readReplicaSource: 'weekly-db',
    connections: () => 0,
  });
  fleet.database({
    id: 'aurora-reader',
    label: 'an Aurora cluster member (judged with its cluster)',
    cluster: 'orders-aurora',
    connections: () => 0,
  });

  fleet.ecsService({
    cluster: 'shop',
    name: 'oversized-api',
    label: 'oversized',
    kind: 'ecs-rightsize',
    cpuUnits: 2048,
    memoryMiB: 8192,
    desiredCount: 3,
    cpu: i => 8 + 2 * noise(i),
    memory: i => 10 + noise(i, 3),
  });
  fleet.ecsService({
    cluster: 'shop',
    name: 'fitted-api',
    label: 'right-sized',
    cpuUnits: 512,
    memoryMiB: 1024,
    desiredCount: 2,
    cpu: i => 65 + 10 * noise(i),
    memory: i => 70 + 5 * noise(i, 4),
  });
  fleet.ecsService({
    cluster: 'shop',
    name: 'on-ec2',
    label: 'EC2 launch type',
    launchType: 'EC2',
    cpuUnits: 2048,
    memoryMiB: 8192,
    desiredCount: 3,
    cpu: () => 5,
    memory: () => 5,
  });
}
