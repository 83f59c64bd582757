import { podPlacement } from '../estate/placement';
import { DemoEstate, DemoService } from '../estate/types';
import { Scenario } from '../scenarios/scenario';
import {
  hasEffects,
  HEALTHY,
  OwnEffects,
  ownEffects,
} from '../scenarios/scenarioKinds';
import { lastDeploy } from './deploys';
import { gaussian, seedOf } from './noise';
import { DAY_MS, HOUR_MS, load, STEP_MS } from './seasonality';

/** How a fault travels to the services that need the faulty one. */
export const PROPAGATION = {
  /** A caller sees its dependency's trouble this much later. */
  delayMs: 2 * STEP_MS,
  /** Share of a dependency's extra latency (seconds) a caller waits for. */
  latency: 0.5,
  /**
   * Share of a dependency's failing calls that fail the caller's requests,
   * times the share of the caller's requests that call it (the callee's
   * request rate over the caller's, at most 1).
   */
  errors: 0.5,
  /** The same for calls to an unavailable dependency. */
  down: 0.6,
  /** Seconds a caller waits on an unavailable dependency before timing out. */
  timeoutSeconds: 2,
};

/** A service's condition at one moment: its load and what is wrong with it. */
export interface ServiceHealth {
  /** Share of its daily peak. */
  load: number;
  own: OwnEffects;
  /** p99 latency in seconds. */
  latencySeconds: number;
  /** Share of failing requests. */
  errorRatio: number;
  /** Seconds of its p99 that its own faults and its dependencies add. */
  extraSeconds: number;
  /** Share of failing requests its faults and its dependencies add. */
  extraErrors: number;
  /** Pods restarted in the last 15 minutes because their node failed. */
  evictedPods: Set<number>;
}

/** Memory a container gains per hour since its last restart (percent points). */
const MEMORY_GROWTH_PER_HOUR = 0.4;
const MAX_MEMORY_GROWTH = 12;

/**
 * The simulated fleet as a deterministic function of time and the injected
 * scenarios: load follows the day and the week, every series has its own
 * noise, routine deployments restart services, and a fault in a service
 * reaches the services that need it later and weaker, hop by hop along the
 * dependency graph. Reading it never changes it: any moment, past or
 * present, in any order, gives the same values.
 */
export class FleetModel {
  private readonly byRef: Map<string, DemoService>;
  private readonly dependencies = new Map<string, string[]>();
  private readonly memo = new Map<string, ServiceHealth>();
  private readonly clusterService: DemoService | undefined;
  private readonly placement: Map<string, string[]>;

  constructor(
    readonly estate: DemoEstate,
    readonly scenarios: readonly Scenario[],
  ) {
    this.byRef = new Map(estate.services.map(s => [s.ref, s]));
    for (const [caller, callee] of estate.edges) {
      this.dependencies.set(caller, [
        ...(this.dependencies.get(caller) ?? []),
        callee,
      ]);
    }
    this.clusterService = this.byRef.get(estate.cluster.entityRef);
    this.placement = podPlacement(estate);
  }

  service(ref: string): DemoService | undefined {
    return this.byRef.get(ref);
  }

  /** The node pod `pod` of a Kubernetes service runs on. */
  nodeOf(ref: string, pod: number): string | undefined {
    return this.placement.get(ref)?.[pod];
  }

  /** What the cluster's own faults are at `t` (nodes not ready). */
  clusterEffects(t: number): OwnEffects {
    return this.clusterService
      ? ownEffects(this.scenarios, this.clusterService, t)
      : HEALTHY;
  }

  /** Standard normal noise of a series at a sample. */
  noise(key: string, t: number): number {
    return gaussian(seedOf(key), Math.floor(t / STEP_MS));
  }

  /** The health of a service at `t`, with what its dependencies pass on. */
  health(ref: string, t: number, depth = 0): ServiceHealth {
    const key = `${ref}\u0000${t}`;
    const known = this.memo.get(key);
    if (known) return known;
    const service = this.byRef.get(ref);
    if (!service) throw new Error(`The demo estate has no service ${ref}`);
    const own = ownEffects(this.scenarios, service, t);
    const l = load(t);
    const base = service.profile.latency * (1 + 0.25 * l);

    let inheritedSeconds = 0;
    let inheritedErrors = 0;
    if (depth < 8) {
      for (const dependency of this.dependencies.get(ref) ?? []) {
        const upstream = this.health(
          dependency,
          t - PROPAGATION.delayMs,
          depth + 1,
        );
        const callee = this.byRef.get(dependency)!;
        const callShare =
          service.profile.rps > 0
            ? Math.min(1, callee.profile.rps / service.profile.rps)
            : 1;
        inheritedSeconds +=
          PROPAGATION.latency * upstream.extraSeconds +
          PROPAGATION.timeoutSeconds * PROPAGATION.latency * upstream.own.down;
        inheritedErrors +=
          callShare *
          (PROPAGATION.errors * upstream.extraErrors +
            PROPAGATION.down * upstream.own.down);
      }
    }

    const evictedPods = this.evictedPods(service, t);
    const pods =
      service.runtime.type === 'kubernetes' ? service.runtime.pods.length : 1;
    const evictedShare = evictedPods.size / pods;
    const extraSeconds =
      base * (own.latency + 0.3 * evictedShare) + inheritedSeconds;
    const extraErrors = own.errors + inheritedErrors;
    const health: ServiceHealth = {
      load: l,
      own,
      latencySeconds: base + extraSeconds,
      errorRatio: Math.min(
        1,
        service.profile.errorRatio * (0.8 + 0.4 * l) + extraErrors,
      ),
      extraSeconds,
      extraErrors,
      evictedPods,
    };
    this.memo.set(key, health);
    return health;
  }

  /** Pods of `service` moved off a failed node within the last 15 minutes. */
  private evictedPods(service: DemoService, t: number): Set<number> {
    const evicted = new Set<number>();
    if (service.runtime.type !== 'kubernetes' || !this.clusterService) {
      return evicted;
    }
    for (const scenario of this.scenarios) {
      if (
        scenario.target !== this.clusterService.ref ||
        !hasEffects(scenario, t) ||
        t - scenario.startedAt > 15 * STEP_MS
      ) {
        continue;
      }
      const failed = this.clusterEffects(t).evictedFrom;
      service.runtime.pods.forEach((_, i) => {
        const node = this.nodeOf(service.ref, i);
        if (node && failed.includes(node)) evicted.add(i);
      });
    }
    return evicted;
  }

  /**
   * Memory percent of a service's container: its usual level, a little
   * more under load, creeping up since its last restart (a deployment).
   */
  memoryPercent(service: DemoService, t: number, key: string): number {
    const health = this.health(service.ref, t);
    if (health.own.leakedMemory !== undefined) {
      return Math.min(100, health.own.leakedMemory + 0.3 * this.noise(key, t));
    }
    const since = lastDeploy(service, t)?.at ?? t - 7 * DAY_MS;
    const growth = Math.min(
      MAX_MEMORY_GROWTH,
      ((t - since) / HOUR_MS) * MEMORY_GROWTH_PER_HOUR,
    );
    return Math.min(
      100,
      Math.max(
        1,
        service.profile.memory +
          6 * health.load +
          growth +
          0.5 * this.noise(key, t),
      ),
    );
  }

  /** CPU percent of a service (of its limit, task or instance). */
  cpuPercent(service: DemoService, t: number, key: string): number {
    const health = this.health(service.ref, t);
    const [night, peak] = service.profile.cpu;
    const usual =
      night + (peak - night) * health.load + 1.2 * this.noise(key, t);
    const stressed = 97 + 0.8 * this.noise(`${key}:stress`, t);
    const x = health.own.cpuStress;
    return Math.min(100, Math.max(0.5, usual * (1 - x) + stressed * x));
  }
}
