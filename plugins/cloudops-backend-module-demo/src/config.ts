import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { SCENARIO_KINDS, ScenarioKind } from './scenarios/scenario';

/** Configuration that means real signals are wired in: the demo then stays off unless asked. */
export const REAL_SOURCE_KEYS = [
  'cloudops.prometheus',
  'cloudops.aws',
  'aws.accounts',
];

/** The demo module's settings from `cloudops.demo`, with their defaults. */
export interface DemoOptions {
  enabled: boolean;
  /** Why it is on or off, for the log. */
  reason: string;
  timeScale: number;
  /** How often (wall time) each shard is read. */
  pullIntervalMs: number;
  /** Metric history pushed at start (simulated time). */
  historyMs: number;
  /** History for series an anomaly or forecast rule learns from. */
  warmupMs: number;
  /** How many days back the history goes (deployments, past faults and their incidents). */
  historyDays: number;
  /** Faults played over the history, so that the NOC has a past. */
  pastFaults: { enabled: boolean; everyMs: number };
  /** A fault ends on its own after this long (simulated time). */
  maxDurationMs: number;
  /**
   * How long after the catalog lists the estate the engine's entity index
   * includes it: 1.5 × `cloudops.catalog.changeCheckInterval` (default 10s).
   */
  catalogSettleMs: number;
  /** Whether the fleet's usage and inventory go to the savings detectors. */
  savingsEnabled: boolean;
  /** How often (wall time) the savings detectors read the fleet's usage; the first run is at start. */
  savingsScanMs: number;
  chaos: {
    enabled: boolean;
    /** Wall time between timed scenarios. */
    everyMs: number;
    /** How long the first scenario has already been running when the backend starts (simulated). */
    startupLeadMs: number;
    /** The kinds the timer plays, in turn. */
    kinds: ScenarioKind[];
  };
}

function durationMs(config: Config, key: string, fallback: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallback;
}

const MINUTE = 60_000;

/** Reads `cloudops.demo`; throws with the key and the problem on bad values. */
export function readDemoOptions(config: Config): DemoOptions {
  const demo = config.getOptionalConfig('cloudops.demo');
  const explicit = demo?.getOptionalBoolean('enabled');
  const real = REAL_SOURCE_KEYS.filter(key => config.has(key));
  let enabled = explicit ?? real.length === 0;
  let reason = 'no real source is configured';
  if (explicit === true) reason = 'cloudops.demo.enabled is true';
  else if (explicit === false) reason = 'cloudops.demo.enabled is false';
  else if (real.length > 0) {
    enabled = false;
    reason = `${real.join(', ')} ${
      real.length > 1 ? 'are' : 'is'
    } configured (set cloudops.demo.enabled: true to run the demo beside them)`;
  }

  const timeScale = demo?.getOptionalNumber('timeScale') ?? 1;
  if (!(timeScale >= 1 && timeScale <= 3600)) {
    throw new Error(
      `cloudops.demo.timeScale must be between 1 and 3600, got ${timeScale}`,
    );
  }
  const kinds = (demo?.getOptionalStringArray('chaos.kinds') ?? [
    'bad-deploy',
    'dependency-outage',
    'cpu-stress',
    'memory-leak',
    'network-latency',
    'crash-loop',
    'node-not-ready',
  ]) as ScenarioKind[];
  for (const kind of kinds) {
    if (!(SCENARIO_KINDS as readonly string[]).includes(kind)) {
      throw new Error(
        `cloudops.demo.chaos.kinds: unknown scenario "${kind}"; expected one of ${SCENARIO_KINDS.join(
          ', ',
        )}`,
      );
    }
  }
  const get = (key: string, fallback: number) =>
    demo ? durationMs(demo, key, fallback) : fallback;
  const options: DemoOptions = {
    enabled,
    reason,
    timeScale,
    pullIntervalMs: get('pullInterval', 15_000),
    historyMs: get('history.window', 90 * MINUTE),
    warmupMs: get('history.detectorWarmup', 5 * 60 * MINUTE),
    historyDays: demo?.getOptionalNumber('history.days') ?? 14,
    pastFaults: {
      enabled: demo?.getOptionalBoolean('history.pastFaults.enabled') ?? true,
      everyMs: get('history.pastFaults.every', 24 * 60 * MINUTE),
    },
    maxDurationMs: get('scenarios.maxDuration', 15 * MINUTE),
    savingsEnabled: demo?.getOptionalBoolean('savings.enabled') ?? true,
    savingsScanMs: get('savings.scanInterval', 60 * MINUTE),
    catalogSettleMs:
      1.5 * durationMs(config, 'cloudops.catalog.changeCheckInterval', 10_000),
    chaos: {
      enabled: demo?.getOptionalBoolean('chaos.enabled') ?? true,
      everyMs: get('chaos.every', 20 * MINUTE),
      startupLeadMs: get('chaos.startupLead', 8 * MINUTE),
      kinds,
    },
  };
  if (options.savingsScanMs < MINUTE) {
    throw new Error('cloudops.demo.savings.scanInterval must be at least 1m');
  }
  if (options.pullIntervalMs < 250) {
    throw new Error('cloudops.demo.pullInterval must be at least 250ms');
  }
  if (
    !Number.isInteger(options.historyDays) ||
    options.historyDays < 0 ||
    options.historyDays > 30
  ) {
    throw new Error(
      `cloudops.demo.history.days must be a whole number from 0 to 30, got ${options.historyDays}`,
    );
  }
  if (options.pastFaults.everyMs < 2 * 60 * MINUTE) {
    throw new Error(
      'cloudops.demo.history.pastFaults.every must be at least 2h',
    );
  }
  if (options.warmupMs < options.historyMs) {
    throw new Error(
      'cloudops.demo.history.detectorWarmup must be at least cloudops.demo.history.window',
    );
  }
  return options;
}
