import {
  Ec2InstanceUsage,
  EbsVolume,
  EcsServiceUsage,
  KarpenterNodePool,
  KubernetesContainerUsage,
  KubernetesNodeUsage,
  KubernetesScalingInput,
  LoadBalancerUsage,
  RdsInstanceUsage,
  SeriesPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { OpportunityKind } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  cheapestFittingInstance,
  DEFAULT_SAVINGS_THRESHOLDS,
  PriceList,
  shippedRegionPrices,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import jStat from 'jstat';
import { SeededRandom } from '../../random/SeededRandom';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GIB = 2 ** 30;
const MIB = 2 ** 20;

/** What a synthetic resource really is, and what a detector should say. */
export interface GroundTruth {
  /** idle, oversized, right-sized, bursty, orphaned, … */
  label: string;
  /** The kind a detector should report, or none. */
  expected?: OpportunityKind;
}

type Labelled<T> = T & { truth: GroundTruth };

/** A fleet of resources with known ground truth, as the modules would read them. */
export interface SyntheticFleet {
  now: Date;
  ec2: Array<Labelled<Ec2InstanceUsage & { memory?: SeriesPoint[] }>>;
  ecs: Array<Labelled<EcsServiceUsage>>;
  ebs: Array<Labelled<EbsVolume>>;
  loadBalancers: Array<Labelled<LoadBalancerUsage>>;
  rds: Array<Labelled<RdsInstanceUsage>>;
  containers: Array<Labelled<KubernetesContainerUsage>>;
  nodes: Array<Labelled<KubernetesNodeUsage>>;
  scaling: Array<Labelled<KubernetesScalingInput>>;
  pools: Array<Labelled<KarpenterNodePool>>;
}

/** The group of each resource, in order, for groups of the given sizes. */
function groupsOf<K extends string>(sizes: Record<K, number>): K[] {
  return (Object.entries(sizes) as Array<[K, number]>).flatMap(
    ([group, size]) => Array.from({ length: size }, () => group),
  );
}

/** How many of each; the default fleet has 2,150 resources. */
export const DEFAULT_FLEET_MIX = {
  ec2: { idle: 160, oversized: 200, rightSized: 240, bursty: 200 },
  ecs: { oversized: 50, rightSized: 50 },
  ebs: {
    orphaned: 120,
    neverAttached: 30,
    recentlyDetached: 80,
    attached: 170,
  },
  loadBalancers: { idle: 40, noHealthyTargets: 15, active: 70, lowButUsed: 25 },
  rds: { idle: 30, used: 50, rarelyUsed: 20 },
  containers: { overRequested: 150, rightRequested: 150, bursty: 100 },
  nodes: { idle: 30, busy: 70, lowUsageHighRequests: 20 },
  scaling: { fixedVariable: 30, autoscaled: 20, fixedFlat: 10 },
  pools: { disabledSlack: 10, enabled: 6, disabledFull: 4 },
};

/**
 * Generates a fleet whose usage comes from each resource's true behaviour,
 * with measurement noise, diurnal cycles, random gaps in the metrics and
 * hard cases: idle instances stopped part of the time or patched weekly,
 * bursty batch jobs that idle most of the day, oversized instances without
 * memory metrics, volumes detached days ago, load balancers with a few
 * hundred requests a day, databases used once a week.
 */
export function generateFleet(
  seed = 42,
  mix = DEFAULT_FLEET_MIX,
  now = new Date('2026-11-16T00:00:00Z'),
): SyntheticFleet {
  const rnd = SeededRandom.fromSeed(seed);
  const t0 = now.getTime();
  const between = (a: number, b: number) => a + (b - a) * rnd.next();
  const pick = <T>(items: readonly T[]) => items[rnd.int(items.length)];
  const series = (
    days: number,
    f: (hourOfDay: number, day: number) => number,
    gaps = 0.02,
  ): SeriesPoint[] => {
    const start = t0 - days * DAY;
    const out: SeriesPoint[] = [];
    for (let i = 0; i < days * 24; i++) {
      if (rnd.next() < gaps) continue;
      out.push({
        timestamp: start + i * HOUR,
        value: Math.max(0, f(i % 24, Math.floor(i / 24))),
      });
    }
    return out;
  };
  const diurnal = (h: number, amplitude: number) =>
    amplitude * Math.sin((2 * Math.PI * (h - 8)) / 24);
  const account = (i: number) => `${100000000000 + (i % 5)}`;
  let n = 0;
  const id = (prefix: string) =>
    `${prefix}-${(n++).toString(16).padStart(6, '0')}`;

  const fleet: SyntheticFleet = {
    now,
    ec2: [],
    ecs: [],
    ebs: [],
    loadBalancers: [],
    rds: [],
    containers: [],
    nodes: [],
    scaling: [],
    pools: [],
  };

  // EC2: CPU percent hourly, network bytes hourly, memory percent when the agent runs.
  const bigTypes = [
    'm5.2xlarge',
    'm5.4xlarge',
    'm6i.2xlarge',
    'c5.2xlarge',
    'c6i.4xlarge',
    'r5.2xlarge',
    'm7i.4xlarge',
    'r6i.4xlarge',
  ];
  const anyTypes = [
    't3.large',
    'm5.large',
    'm5.xlarge',
    'c5.xlarge',
    'm6i.xlarge',
    ...bigTypes,
  ];
  const instance = (
    i: number,
    type: string,
    cpu: SeriesPoint[],
    network: SeriesPoint[],
    memory: SeriesPoint[] | undefined,
    truth: GroundTruth,
  ) => {
    const instanceId = id('i');
    fleet.ec2.push({
      arn: `arn:aws:ec2:us-east-1:${account(i)}:instance/${instanceId}`,
      instanceId,
      instanceType: type,
      region: 'us-east-1',
      account: account(i),
      tags: { service: `svc-${i % 40}` },
      cpu,
      network,
      memory,
      truth,
    });
  };
  for (let i = 0; i < mix.ec2.idle; i++) {
    const level = between(0.2, 4);
    // A fifth were stopped for days (no metrics then); a fifth are patched weekly.
    const stoppedDays = i % 5 === 0 ? 3 + rnd.int(6) : 0;
    const patched = i % 5 === 1;
    const up = (d: number) => d >= stoppedDays;
    const cpu = series(14, (h, d) =>
      up(d)
        ? level +
          0.5 * rnd.gaussian() +
          (patched && d % 7 === 2 && h === 3 ? between(8, 20) : 0)
        : NaN,
    ).filter(p => Number.isFinite(p.value));
    const network = cpu.map(p => ({
      timestamp: p.timestamp,
      value: between(20_000, 150_000),
    }));
    instance(i, pick(anyTypes), cpu, network, undefined, {
      label: 'idle',
      expected: 'ec2-idle',
    });
  }
  for (let i = 0; i < mix.ec2.oversized; i++) {
    // The true peak stays under a third of the capacity.
    const base = between(4, 14);
    const amp = between(1, base * 0.8);
    const cpu = series(14, h => base + diurnal(h, amp) + 1.2 * rnd.gaussian());
    const network = cpu.map(p => ({
      timestamp: p.timestamp,
      value: between(5e7, 3e8),
    }));
    const memory =
      i % 10 < 7 ? series(14, () => between(15, 30), 0.01) : undefined;
    // Memory-optimised types keep their memory when it is not measured: only typed ones with metrics.
    const type = memory
      ? pick(bigTypes)
      : pick(bigTypes.filter(t => !t.startsWith('r')));
    instance(i, type, cpu, network, memory, {
      label: 'oversized',
      expected: 'ec2-rightsize',
    });
  }
  for (let i = 0; i < mix.ec2.rightSized; i++) {
    const base = between(35, 60);
    const cpu = series(
      14,
      h => base + diurnal(h, between(10, 25)) + 3 * rnd.gaussian(),
    );
    const network = cpu.map(p => ({
      timestamp: p.timestamp,
      value: between(1e8, 1e9),
    }));
    const memory = i % 2 ? series(14, () => between(55, 80), 0.01) : undefined;
    instance(i, pick(anyTypes), cpu, network, memory, { label: 'right-sized' });
  }
  // Whether a cheaper type serves the workload's true peak and mean with
  // Compute Optimizer's headroom (a burstable type can, for a batch job that
  // idles most of the day): the right answer for the right-sizing detector.
  const prices = new PriceList(shippedRegionPrices('us-east-1')!);
  const rule = DEFAULT_SAVINGS_THRESHOLDS.rightsizing;
  const oversizedAtTrueNeed = (
    type: string,
    peakPct: number,
    meanPct: number,
    memoryPct: number,
  ) => {
    const current = prices.instance(type)!;
    const best = cheapestFittingInstance(
      {
        vcpu: (peakPct / 100) * current.vcpu * (1 + rule.cpuHeadroom),
        memoryGiB:
          (memoryPct / 100) * current.memoryGiB * (1 + rule.memoryHeadroom),
        meanVcpu: (meanPct / 100) * current.vcpu,
        memoryKnown: true,
      },
      prices.instanceTypes(),
      {
        architecture: current.architecture,
        allowArchitectureChange: false,
        headroom: rule.cpuHeadroom,
      },
    );
    return (
      best !== undefined &&
      best.monthly <= current.monthly * (1 - rule.minSavingsShare)
    );
  };
  for (let i = 0; i < mix.ec2.bursty; i++) {
    // Batch jobs: idle most of the time, 1–4 hours near full CPU nightly or weekly.
    const weekly = i % 3 === 0;
    const length = 1 + rnd.int(4);
    const startHour = rnd.int(24 - length);
    const peak = between(75, 100);
    const memoryPeak = 70;
    const type = pick(anyTypes);
    // What the workload needs: its recurring burst level, or its true p99.5
    // (in the bursts, noise σ 3) when that is higher.
    const burstShare = length / 24 / (weekly ? 7 : 1);
    const trueP995 = Math.max(
      peak,
      peak + 3 * jStat.normal.inv(Math.max(0.5, 1 - 0.005 / burstShare), 0, 1),
    );
    const mean = peak * burstShare + 1.75 * (1 - burstShare);
    const cpu = series(14, (h, d) =>
      (!weekly || d % 7 === 5) && h >= startHour && h < startHour + length
        ? peak + 3 * rnd.gaussian()
        : between(0.5, 3),
    );
    const network = cpu.map(p => ({
      timestamp: p.timestamp,
      value: p.value > 50 ? between(2e7, 2e8) : between(10_000, 100_000),
    }));
    const memory = series(14, () => between(40, memoryPeak), 0.01);
    instance(
      i,
      type,
      cpu,
      network,
      memory,
      oversizedAtTrueNeed(type, trueP995, mean, memoryPeak)
        ? {
            label: 'bursty, fits a cheaper burstable type',
            expected: 'ec2-rightsize',
          }
        : { label: 'bursty' },
    );
  }

  // ECS on Fargate: percent of the task's CPU and memory.
  for (let i = 0; i < mix.ecs.oversized + mix.ecs.rightSized; i++) {
    const oversized = i < mix.ecs.oversized;
    const cpuLevel = oversized ? between(5, 25) : between(70, 80);
    const memLevel = oversized ? between(10, 30) : between(70, 80);
    const name = id('svc');
    fleet.ecs.push({
      arn: `arn:aws:ecs:us-east-1:${account(i)}:service/shop/${name}`,
      cluster: 'shop',
      serviceName: name,
      region: 'us-east-1',
      account: account(i),
      taskCpuUnits: pick([1024, 2048, 4096]),
      taskMemoryMiB: 8192,
      desiredCount: 1 + rnd.int(6),
      cpu: series(
        14,
        h => cpuLevel + diurnal(h, cpuLevel * 0.3) + 2 * rnd.gaussian(),
      ),
      memory: series(14, () => memLevel + rnd.gaussian()),
      truth: oversized
        ? { label: 'oversized', expected: 'ecs-rightsize' }
        : { label: 'right-sized' },
    });
  }

  // EBS volumes.
  const volume = (
    i: number,
    state: string,
    createdDaysAgo: number,
    detachedDaysAgo: number | undefined,
    truth: GroundTruth,
  ) => {
    const volumeId = id('vol');
    fleet.ebs.push({
      arn: `arn:aws:ec2:us-east-1:${account(i)}:volume/${volumeId}`,
      volumeId,
      region: 'us-east-1',
      account: account(i),
      volumeType: pick(['gp3', 'gp2', 'io1', 'st1']),
      sizeGiB: pick([20, 50, 100, 500, 1000]),
      iops: 3000,
      state,
      createTime: new Date(t0 - createdDaysAgo * DAY),
      lastDetachedAt:
        detachedDaysAgo === undefined
          ? undefined
          : new Date(t0 - detachedDaysAgo * DAY),
      truth,
    });
  };
  for (let i = 0; i < mix.ebs.orphaned; i++)
    volume(i, 'available', between(30, 400), between(7.05, 120), {
      label: 'orphaned',
      expected: 'ebs-orphan',
    });
  for (let i = 0; i < mix.ebs.neverAttached; i++)
    volume(i, 'available', between(7.05, 90), undefined, {
      label: 'orphaned',
      expected: 'ebs-orphan',
    });
  for (let i = 0; i < mix.ebs.recentlyDetached; i++)
    volume(i, 'available', between(30, 400), between(0.1, 6.9), {
      label: 'recently detached',
    });
  for (let i = 0; i < mix.ebs.attached; i++)
    volume(i, 'in-use', between(1, 400), undefined, { label: 'attached' });

  // Load balancers: request counts per hour (missing when zero), healthy targets.
  const lbTruth: Record<keyof typeof mix.loadBalancers, GroundTruth> = {
    idle: { label: 'idle', expected: 'load-balancer-idle' },
    noHealthyTargets: {
      label: 'no healthy targets',
      expected: 'load-balancer-idle',
    },
    active: { label: 'active' },
    lowButUsed: { label: 'low but used' },
  };
  groupsOf(mix.loadBalancers).forEach((kind, i) => {
    const perDay = {
      idle: between(0, 60),
      noHealthyTargets: between(200, 5000),
      active: between(2000, 200_000),
      lowButUsed: between(150, 400),
    }[kind];
    const name = id('lb');
    fleet.loadBalancers.push({
      arn: `arn:aws:elasticloadbalancing:us-east-1:${account(
        i,
      )}:loadbalancer/app/${name}/1`,
      name,
      kind: pick(['application', 'network'] as const),
      region: 'us-east-1',
      account: account(i),
      createdAt: new Date(t0 - between(10, 500) * DAY),
      requests: series(7, () => (perDay / 24) * between(0.3, 1.7))
        .map(p => ({ ...p, value: Math.round(p.value) }))
        .filter(p => p.value > 0),
      healthyTargets: series(
        7,
        () => (kind === 'noHealthyTargets' ? 0 : 1 + rnd.int(4)),
        0,
      ),
      truth: lbTruth[kind],
    });
  });

  // RDS: hourly maximum connections.
  const rdsTruth: Record<keyof typeof mix.rds, GroundTruth> = {
    idle: { label: 'idle', expected: 'rds-idle' },
    used: { label: 'used' },
    rarelyUsed: { label: 'rarely used' },
  };
  groupsOf(mix.rds).forEach((kind, i) => {
    const rareDay = rnd.int(7);
    const rareHour = rnd.int(24);
    const connections = (h: number, d: number) => {
      if (kind === 'used') return 5 + rnd.int(40);
      return kind === 'rarelyUsed' && d === rareDay && h === rareHour
        ? 1 + rnd.int(3)
        : 0;
    };
    const name = id('db');
    fleet.rds.push({
      arn: `arn:aws:rds:us-east-1:${account(i)}:db:${name}`,
      dbInstanceIdentifier: name,
      instanceClass: pick([
        'db.m5.large',
        'db.r6g.xlarge',
        'db.t3.medium',
        'db.m6i.2xlarge',
      ]),
      engine: 'postgres',
      multiAz: rnd.next() < 0.4,
      storageGiB: pick([20, 100, 500]),
      region: 'us-east-1',
      account: account(i),
      connections: series(7, connections, 0.01),
      truth: rdsTruth[kind],
    });
  });

  // Kubernetes containers: cores and bytes per pod, 8 days hourly.
  const containerTruth: Record<keyof typeof mix.containers, GroundTruth> = {
    overRequested: { label: 'over-requested', expected: 'kubernetes-requests' },
    rightRequested: { label: 'right-requested' },
    bursty: { label: 'bursty' },
  };
  groupsOf(mix.containers).forEach((kind, i) => {
    const cpuRequest = pick([0.25, 0.5, 1, 2]);
    const memoryRequest = pick([512, 1024, 2048, 4096]) * MIB;
    // Over-requested: usage under 40% of the request; right-requested: the
    // p90 plus VPA's 15% margin lands within 10% of the request.
    const over = kind === 'overRequested';
    const cpuLevel = over ? between(0.05, 0.3) : between(0.76, 0.86);
    const memLevel = over ? between(0.1, 0.4) : between(0.78, 0.86);
    const burstEvery = 3 + rnd.int(3);
    const cpu = (h: number) => {
      if (kind === 'bursty') {
        return (
          (h % burstEvery === 0 ? between(0.85, 1.2) : between(0.05, 0.2)) *
          cpuRequest
        );
      }
      return (
        cpuRequest *
        (cpuLevel * (1 + 0.12 * Math.sin((2 * Math.PI * h) / 24)) +
          0.01 * rnd.gaussian())
      );
    };
    fleet.containers.push({
      cluster: `cluster-${i % 3}`,
      namespace: pick(['shop', 'payments', 'search']),
      workloadKind: 'Deployment',
      workloadName: id('app'),
      container: 'app',
      replicas: 1 + rnd.int(8),
      nodeInstanceType: pick(['m5.xlarge', 'm5.2xlarge', 'c5.2xlarge']),
      cpuRequestCores: cpuRequest,
      memoryRequestBytes: memoryRequest,
      cpu: series(8, cpu),
      memory: series(
        8,
        () =>
          memoryRequest *
          (kind === 'bursty'
            ? between(0.7, 0.9)
            : memLevel * between(0.95, 1.05)),
      ),
      truth: containerTruth[kind],
    });
  });

  // Nodes: cores and bytes used, 7 days; requests and usage as shares of allocatable.
  const nodeShape: Record<
    keyof typeof mix.nodes,
    {
      requested: [number, number];
      cpu: [number, number];
      memory: [number, number];
      truth: GroundTruth;
    }
  > = {
    idle: {
      requested: [0.02, 0.2],
      cpu: [0.01, 0.06],
      memory: [0.02, 0.07],
      truth: { label: 'idle', expected: 'kubernetes-idle-node' },
    },
    busy: {
      requested: [0.5, 0.9],
      cpu: [0.3, 0.7],
      memory: [0.4, 0.8],
      truth: { label: 'busy' },
    },
    lowUsageHighRequests: {
      requested: [0.6, 0.8],
      cpu: [0.01, 0.06],
      memory: [0.02, 0.07],
      truth: { label: 'low usage, requests reserved' },
    },
  };
  groupsOf(mix.nodes).forEach((kind, i) => {
    const shape = nodeShape[kind];
    const cores = 7.9;
    const memory = 30 * GIB;
    fleet.nodes.push({
      cluster: `cluster-${i % 3}`,
      node: id('ip-10-0'),
      instanceType: 'm5.2xlarge',
      allocatableCpuCores: cores,
      allocatableMemoryBytes: memory,
      requestedCpuCores: cores * between(...shape.requested),
      requestedMemoryBytes: memory * between(...shape.requested),
      workloadPods: kind === 'idle' ? rnd.int(3) : 5 + rnd.int(20),
      cpu: series(
        7,
        h =>
          cores *
          (between(...shape.cpu) +
            (kind === 'busy' ? 0.1 * Math.sin(h / 4) : 0)),
      ),
      memory: series(7, () => memory * between(...shape.memory)),
      truth: shape.truth,
    });
  });

  // Scaling: total cores of a workload, 8 days.
  const scalingTruth: Record<keyof typeof mix.scaling, GroundTruth> = {
    fixedVariable: {
      label: 'fixed replicas, variable load',
      expected: 'kubernetes-hpa',
    },
    autoscaled: { label: 'autoscaled' },
    fixedFlat: { label: 'fixed replicas, flat load' },
  };
  groupsOf(mix.scaling).forEach((kind, i) => {
    const replicas = 6 + rnd.int(10);
    const podCpu = pick([0.5, 1]);
    const capacity = replicas * podCpu * 0.7;
    const fixed =
      i % 2 ? { minReplicas: replicas, maxReplicas: replicas } : undefined;
    fleet.scaling.push({
      cluster: `cluster-${i % 3}`,
      namespace: 'shop',
      workloadKind: 'Deployment',
      workloadName: id('web'),
      replicas,
      hpa:
        kind === 'autoscaled'
          ? { minReplicas: 2, maxReplicas: replicas + 4 }
          : fixed,
      podCpuRequestCores: podCpu,
      podMemoryRequestBytes: GIB,
      cpu: series(8, h =>
        kind === 'fixedFlat'
          ? capacity * between(0.92, 1)
          : capacity *
            (0.5 + 0.45 * Math.sin((2 * Math.PI * (h - 6)) / 24)) *
            between(0.9, 1.1),
      ),
      truth: scalingTruth[kind],
    });
  });

  // Karpenter NodePools: consolidation off by policy or by consolidateAfter.
  const poolTruth: Record<keyof typeof mix.pools, GroundTruth> = {
    disabledSlack: {
      label: 'consolidation off, slack',
      expected: 'karpenter-consolidation',
    },
    enabled: { label: 'consolidating' },
    disabledFull: { label: 'consolidation off, full' },
  };
  groupsOf(mix.pools).forEach((kind, i) => {
    const count = 4 + rnd.int(8);
    const fill =
      kind === 'disabledFull' ? between(0.75, 0.85) : between(0.15, 0.45);
    const off = kind !== 'enabled';
    fleet.pools.push({
      cluster: `cluster-${i % 3}`,
      name: id('pool'),
      consolidationPolicy:
        off && i % 2 === 0 ? 'WhenEmpty' : 'WhenEmptyOrUnderutilized',
      consolidateAfter: off && i % 2 ? 'Never' : undefined,
      nodes: Array.from({ length: count }, (_, k) => ({
        node: `n${k}`,
        instanceType: 'm5.xlarge',
        allocatableCpuCores: 3.9,
        allocatableMemoryBytes: 15 * GIB,
        requestedCpuCores: 3.9 * fill * between(0.9, 1.1),
        requestedMemoryBytes: 15 * GIB * fill * between(0.9, 1.1),
      })),
      truth: poolTruth[kind],
    });
  });
  return fleet;
}
