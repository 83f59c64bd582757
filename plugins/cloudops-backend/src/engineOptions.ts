import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { AiNarratorOptions } from './ai/AiNarrator';
import { IncidentRcaOptions } from './incidentRca/IncidentRcaRunner';
import { RcaSchedulerOptions } from './incidentRca/RcaScheduler';
import { CorrelationOptions } from './incidents/Correlator';
import { RetentionOptions } from './scheduling/scheduleRetention';

const DAY_MS = 24 * 3600_000;

/** The engine's settings from `cloudops.*` config, with their defaults. */
export interface EngineOptions {
  correlation: CorrelationOptions;
  /** How often the entity index and graph are rebuilt from the catalog. */
  catalogRefreshSeconds: number;
  /** How often the catalog is checked for changes (which rebuild them). */
  catalogChangeCheckSeconds: number;
  /** How long signals wait, after a start, for the catalog's first read. */
  catalogFirstReadWaitSeconds: number;
  /** How often absent-data rules are checked. */
  tickSeconds: number;
  /** Alerts that no rule matches still open incidents. */
  alertsWithoutRule: boolean;
  /** Root-cause analysis of incidents. */
  rca: {
    enabled: boolean;
    /** Series reads and analyses run on a worker thread where they can. */
    workerThread: boolean;
    runbookFiles: string[];
    scheduler: RcaSchedulerOptions;
    incident: IncidentRcaOptions;
  };
  /** How the AI provider (if a module supplies one) is used. */
  ai: AiNarratorOptions;
  /** How long detector runs, signals and metric rollups are kept. */
  retention: RetentionOptions;
}

/**
 * Refuses retention shorter than what the RCA reads back: change events
 * (raw signals) over its change window, metric history (rollups) over its
 * lookback.
 */
function checkRetention(options: EngineOptions): EngineOptions {
  const { retention, rca } = options;
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  const tooShort = (
    key: string,
    kept: number,
    readKey: string,
    read: number,
  ) => {
    if (kept < read) {
      throw new Error(
        `cloudops.${key} (${minutes(
          kept,
        )}) is shorter than cloudops.${readKey} (${minutes(
          read,
        )}), which the root-cause analysis reads back; keep it at least as long`,
      );
    }
  };
  tooShort(
    'signals.retention',
    retention.signalsMs,
    'rca.changeWindow',
    rca.incident.changeWindowMs,
  );
  tooShort(
    'signals.rollupRetention',
    retention.rollupsMs,
    'rca.lookback',
    rca.incident.lookbackMs,
  );
  return options;
}

export function readEngineOptions(config: Config): EngineOptions {
  const cloudops = config.getOptionalConfig('cloudops') ?? new ConfigReader({});
  const ms = (key: string, fallback: number) =>
    cloudops.has(key)
      ? durationToMilliseconds(readDurationFromConfig(cloudops, { key }))
      : fallback;
  return checkRetention({
    correlation: {
      windowMs: ms('correlation.window', 10 * 60_000),
      reopenWindowMs: ms('correlation.reopenWindow', 30 * 60_000),
      maxHops: cloudops.getOptionalNumber('correlation.maxHops') ?? 2,
    },
    catalogRefreshSeconds: ms('catalog.refreshInterval', 10 * 60_000) / 1000,
    catalogChangeCheckSeconds: ms('catalog.changeCheckInterval', 10_000) / 1000,
    catalogFirstReadWaitSeconds: ms('catalog.firstReadWait', 15_000) / 1000,
    tickSeconds: ms('rules.tickInterval', 30_000) / 1000,
    alertsWithoutRule:
      cloudops.getOptionalBoolean('rules.alertsWithoutRule') ?? true,
    rca: {
      enabled: cloudops.getOptionalBoolean('rca.enabled') ?? true,
      workerThread: cloudops.getOptionalBoolean('rca.workerThread') ?? true,
      runbookFiles: cloudops.getOptionalStringArray('rca.runbooks') ?? [],
      scheduler: {
        debounceMs: ms('rca.debounce', 10_000),
        maxDelayMs: ms('rca.maxDelay', 120_000),
        leaseMs: 5 * 60_000,
        sweepSeconds: 30,
      },
      incident: {
        lookbackMs: ms('rca.lookback', 3600_000),
        changeWindowMs: ms('rca.changeWindow', 3600_000),
        hops: cloudops.getOptionalNumber('rca.hops') ?? 2,
        maxServices: 500,
        maxPoints: 200_000,
      },
    },
    ai: {
      timeoutMs: ms('ai.timeout', 20_000),
      maxAttempts: cloudops.getOptionalNumber('ai.maxAttempts') ?? 3,
      maxOutputTokens: cloudops.getOptionalNumber('ai.maxOutputTokens') ?? 800,
      backoffMs: 500,
    },
    retention: {
      detectorRunsMs: ms('detectors.runRetention', 7 * DAY_MS),
      signalsMs: ms('signals.retention', 15 * DAY_MS),
      rollupsMs: ms('signals.rollupRetention', 90 * DAY_MS),
    },
  });
}
