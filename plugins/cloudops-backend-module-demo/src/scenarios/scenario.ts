import {
  DEMO_SCENARIO_KINDS,
  DemoScenarioKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** The chaos scenarios the demo fleet can play, as the roadmap names them. */
export const SCENARIO_KINDS = DEMO_SCENARIO_KINDS;

/** @public */
export type ScenarioKind = DemoScenarioKind;

/**
 * What the demo executor can do to the simulated fleet: the operations the
 * runbooks' actions stand for.
 *
 * @public
 */
export type FleetOperation =
  | 'restart'
  | 'scale-out'
  | 'rollback'
  | 'replace-node'
  | 'failover';

/**
 * A fault injected into the simulated fleet. Times are the simulation's
 * (epoch milliseconds); with the default clock they are the wall clock's.
 *
 * @public
 */
export interface Scenario {
  id: string;
  kind: ScenarioKind;
  /** The entity the fault is injected into, e.g. `resource:default/payments-db`. */
  target: string;
  /** The node, for `node-not-ready`. */
  node?: string;
  startedAt: number;
  /** When the fault ends on its own if nothing ends it sooner. */
  endsAt: number;
  /** When it was ended (remediated, stopped). */
  endedAt?: number;
  /** What ended it: `remediation <id> (<operation>)`, `stopped by <user>`. */
  endedBy?: string;
  /** Who started it: a user ref, or `timer`. */
  requestedBy: string;
}

/** When a scenario's fault stops: ended, or its own end. */
export function endOf(scenario: Scenario): number {
  return Math.min(scenario.endedAt ?? Infinity, scenario.endsAt);
}

/** Whether the scenario's fault is injected at `t`. */
export function isActive(scenario: Scenario, t: number): boolean {
  return t >= scenario.startedAt && t < endOf(scenario);
}
