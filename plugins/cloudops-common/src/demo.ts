import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The chaos scenarios the demo fleet plays (the demo module,
 * `@cloudops-ai/backstage-plugin-cloudops-backend-module-demo`).
 *
 * @public
 */
export const DEMO_SCENARIO_KINDS = [
  'cpu-stress',
  'memory-leak',
  'crash-loop',
  'network-latency',
  'node-not-ready',
  'bad-deploy',
  'dependency-outage',
] as const;

/** @public */
export type DemoScenarioKind = (typeof DEMO_SCENARIO_KINDS)[number];

/**
 * A kind of scenario as `GET /demo` describes it.
 *
 * @public
 */
export interface DemoScenarioKindInfo {
  kind: DemoScenarioKind;
  title: string;
  description: string;
  defaultTarget: string;
  /** The entities it can be injected into. */
  targets: string[];
}

/**
 * The demo fleet as `GET /demo` describes it (absent when the demo is off).
 *
 * @public
 */
export interface DemoFleetInfo {
  /** The simulation's time. */
  now: string;
  timeScale: number;
  kinds: DemoScenarioKindInfo[];
}

/**
 * A fault injected into the demo fleet, as the API serves it. Times are the
 * simulation's (the wall clock's unless `cloudops.demo.timeScale` is set).
 *
 * @public
 */
export interface DemoScenario {
  id: string;
  kind: DemoScenarioKind;
  target: string;
  node?: string;
  startedAt: string;
  /** When it ends on its own. */
  endsAt: string;
  endedAt?: string;
  /** What ended it: `remediation <id> (<operation>)`, `stopped by <user>`. */
  endedBy?: string;
  requestedBy: string;
  /** `active`, `ended` (remediated or stopped), or `expired` (ended on its own). */
  state: 'active' | 'ended' | 'expired';
}

/**
 * Start or stop a chaos scenario in the demo fleet.
 *
 * @public
 */
export const cloudopsDemoScenarioRunPermission = createPermission({
  name: 'cloudops.demo.run',
  attributes: { action: 'create' },
});
