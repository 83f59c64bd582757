import { DemoRuntime, DemoService } from '../estate/types';
import { smoothStep, STEP_MS } from '../model/seasonality';
import { endOf, FleetOperation, Scenario, ScenarioKind } from './scenario';

/** What a fault does to the service it is injected into, at one moment. */
export interface OwnEffects {
  /** Share (0..1) of the way CPU is pushed towards saturation. */
  cpuStress: number;
  /** Memory percent while a leak fills it (undefined: as usual). */
  leakedMemory?: number;
  /** Extra p99 latency, relative to the usual (1 = twice as slow). */
  latency: number;
  /** Extra share of failing requests. */
  errors: number;
  /** Share of the service that is unavailable (0..1). */
  down: number;
  /** How many of its pods wait in CrashLoopBackOff (the first ones). */
  crashingPods: number;
  /** Whether its containers were OOMKilled and restarted in the last 5 minutes. */
  oomKilled: boolean;
  /** Restarts per affected pod in the last 15 minutes. */
  restarts: number;
  /** Nodes that are not Ready. */
  notReadyNodes: string[];
  /** Pods that were moved off a failed node (restarted once). */
  evictedFrom: string[];
}

/** No fault. */
export const HEALTHY: OwnEffects = {
  cpuStress: 0,
  latency: 0,
  errors: 0,
  down: 0,
  crashingPods: 0,
  oomKilled: false,
  restarts: 0,
  notReadyNodes: [],
  evictedFrom: [],
};

/** How a kind of scenario behaves and what ends it. */
export interface ScenarioKindInfo {
  kind: ScenarioKind;
  title: string;
  description: string;
  /** The entity it is injected into unless the request names another. */
  defaultTarget: string;
  /** The runtimes it can be injected into. */
  runtimes: Array<DemoRuntime['type']>;
  /** The operations that end it. */
  fixedBy: FleetOperation[];
  /** How long the fault takes to reach its full strength, and to fade once ended. */
  rampMs: number;
  recoverMs: number;
  /** The fault's effects on its target at full strength `x` (0..1), `elapsed` after it started. */
  effects(input: {
    x: number;
    elapsed: number;
    scenario: Scenario;
    service: DemoService;
    t: number;
  }): Partial<OwnEffects>;
}

const MINUTE = STEP_MS;
/** The node a `node-not-ready` scenario takes down unless it names one. */
export const DEFAULT_NODE = 'ip-10-0-2-24.ec2.internal';
/** A memory leak fills the container's limit in this long, then it is OOMKilled. */
export const LEAK_PERIOD_MS = 6 * MINUTE;
/** kube_container_oom_killed reads 1 this long after an OOMKill. */
const OOM_WINDOW_MS = 5 * MINUTE;
/** A crash-looping container restarts about this often (CrashLoopBackOff). */
const CRASH_BACKOFF_MS = 2.5 * MINUTE;

function podCount(service: DemoService): number {
  return service.runtime.type === 'kubernetes'
    ? service.runtime.pods.length
    : 1;
}

const KINDS: ScenarioKindInfo[] = [
  {
    kind: 'cpu-stress',
    title: 'CPU stress',
    description:
      'A runaway loop pins the containers at their CPU limit; requests queue and slow down.',
    defaultTarget: 'component:default/product-catalog',
    runtimes: ['kubernetes', 'ecs'],
    fixedBy: ['scale-out', 'restart'],
    rampMs: 1.5 * MINUTE,
    recoverMs: 2 * MINUTE,
    effects: ({ x }) => ({ cpuStress: x, latency: 1.5 * x }),
  },
  {
    kind: 'memory-leak',
    title: 'Memory leak / OOMKill',
    description:
      'A leak fills the container to its memory limit every few minutes; the kernel OOMKills it and it restarts.',
    defaultTarget: 'component:default/orders-service',
    runtimes: ['kubernetes'],
    fixedBy: ['restart', 'rollback'],
    rampMs: 0,
    recoverMs: MINUTE,
    effects: ({ elapsed, service, t, scenario }) => {
      const base = service.profile.memory;
      const active = t < endOf(scenario);
      const kills = Math.floor(elapsed / LEAK_PERIOD_MS);
      const lastKill = scenario.startedAt + kills * LEAK_PERIOD_MS;
      const killsIn15 = Math.min(
        kills,
        Math.floor((15 * MINUTE) / LEAK_PERIOD_MS),
      );
      const phase = (elapsed % LEAK_PERIOD_MS) / LEAK_PERIOD_MS;
      return {
        leakedMemory: active ? base + (100 - base) * phase : undefined,
        oomKilled: kills > 0 && t - lastKill < OOM_WINDOW_MS,
        restarts: killsIn15,
        latency: active ? 0.6 * phase * phase : 0,
        errors: active && phase < 1 / 6 && kills > 0 ? 0.02 : 0,
      };
    },
  },
  {
    kind: 'crash-loop',
    title: 'Crash loop',
    description:
      'Half of the pods crash at start-up (a corrupted local cache) and wait in CrashLoopBackOff; the rest take all the traffic.',
    defaultTarget: 'component:default/payments-service',
    runtimes: ['kubernetes'],
    fixedBy: ['restart', 'rollback'],
    rampMs: MINUTE,
    recoverMs: MINUTE,
    effects: ({ x, elapsed, service }) => {
      if (x < 0.5) return {};
      const pods = podCount(service);
      const crashing = Math.ceil(pods / 2);
      const down = crashing / pods;
      return {
        crashingPods: crashing,
        down,
        errors: 0.4 * down,
        latency: 0.5 * down,
        restarts: Math.min(6, 1 + Math.floor(elapsed / CRASH_BACKOFF_MS)),
      };
    },
  },
  {
    kind: 'network-latency',
    title: 'Network latency',
    description:
      "Delay on the pods' network path (as tc netem adds): every call to the service is slow, though none fails.",
    defaultTarget: 'component:default/inventory-service',
    runtimes: ['kubernetes', 'ecs'],
    fixedBy: ['restart'],
    rampMs: MINUTE,
    recoverMs: MINUTE,
    effects: ({ x }) => ({ latency: 12 * x }),
  },
  {
    kind: 'node-not-ready',
    title: 'Node not ready',
    description:
      'A node of the cluster stops reporting (kubelet down); its pods are evicted and rescheduled on the others.',
    defaultTarget: 'resource:default/eks-prod',
    runtimes: ['cluster'],
    fixedBy: ['replace-node'],
    rampMs: MINUTE,
    recoverMs: MINUTE,
    effects: ({ x, scenario }) =>
      x < 0.5
        ? {}
        : {
            notReadyNodes: [scenario.node ?? DEFAULT_NODE],
            evictedFrom: [scenario.node ?? DEFAULT_NODE],
          },
  },
  {
    kind: 'bad-deploy',
    title: 'Bad deploy',
    description:
      'A release with a broken code path rolls out: a share of requests fail and the rest are slower.',
    defaultTarget: 'component:default/checkout-service',
    runtimes: ['kubernetes', 'ecs'],
    fixedBy: ['rollback'],
    rampMs: MINUTE,
    recoverMs: 1.5 * MINUTE,
    effects: ({ x }) => ({ errors: 0.14 * x, latency: 0.8 * x }),
  },
  {
    kind: 'dependency-outage',
    title: 'Dependency outage',
    description:
      'A database or cache stops answering (a failed primary): connections drop, queries time out, and every service that needs it fails.',
    defaultTarget: 'resource:default/payments-db',
    runtimes: ['rds', 'elasticache'],
    fixedBy: ['failover'],
    rampMs: 0.5 * MINUTE,
    recoverMs: MINUTE,
    effects: ({ x }) => ({ down: x }),
  },
];

/** Every kind of scenario, by kind. */
export const SCENARIO_KIND_INFO: ReadonlyMap<ScenarioKind, ScenarioKindInfo> =
  new Map(KINDS.map(k => [k.kind, k]));

/** The kind's description and behaviour. */
export function kindInfo(kind: ScenarioKind): ScenarioKindInfo {
  return SCENARIO_KIND_INFO.get(kind)!;
}

/**
 * How strong the scenario's fault is at `t`: rises to 1 over the kind's
 * ramp after the start, and fades to 0 over its recovery once ended.
 */
export function intensity(scenario: Scenario, t: number): number {
  if (t < scenario.startedAt) return 0;
  const info = kindInfo(scenario.kind);
  const rise = (at: number) =>
    info.rampMs > 0 ? smoothStep((at - scenario.startedAt) / info.rampMs) : 1;
  const end = endOf(scenario);
  if (t < end) return rise(t);
  return rise(end) * (1 - smoothStep((t - end) / info.recoverMs));
}

/** Whether the scenario still has effects at `t` (active, or fading). */
export function hasEffects(scenario: Scenario, t: number): boolean {
  if (t < scenario.startedAt) return false;
  const info = kindInfo(scenario.kind);
  // An OOMKill is remembered for 5 minutes after the last one.
  const tail = Math.max(info.recoverMs, OOM_WINDOW_MS);
  return t < endOf(scenario) + tail;
}

/** The combined effects of the scenarios injected into `service` at `t`. */
export function ownEffects(
  scenarios: readonly Scenario[],
  service: DemoService,
  t: number,
): OwnEffects {
  let effects = HEALTHY;
  for (const scenario of scenarios) {
    if (scenario.target !== service.ref || !hasEffects(scenario, t)) continue;
    const partial = kindInfo(scenario.kind).effects({
      x: intensity(scenario, t),
      elapsed: t - scenario.startedAt,
      scenario,
      service,
      t,
    });
    effects = {
      cpuStress: Math.max(effects.cpuStress, partial.cpuStress ?? 0),
      leakedMemory: partial.leakedMemory ?? effects.leakedMemory,
      latency: effects.latency + (partial.latency ?? 0),
      errors: effects.errors + (partial.errors ?? 0),
      down: Math.min(1, effects.down + (partial.down ?? 0)),
      crashingPods: Math.max(effects.crashingPods, partial.crashingPods ?? 0),
      oomKilled: effects.oomKilled || !!partial.oomKilled,
      restarts: effects.restarts + (partial.restarts ?? 0),
      notReadyNodes: [
        ...effects.notReadyNodes,
        ...(partial.notReadyNodes ?? []),
      ],
      evictedFrom: [...effects.evictedFrom, ...(partial.evictedFrom ?? [])],
    };
  }
  return effects;
}
