import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { CorrelationOptions } from './incidents/Correlator';

/** The engine's settings from `cloudops.*` config, with their defaults. */
export interface EngineOptions {
  correlation: CorrelationOptions;
  /** How often the entity index and graph are rebuilt from the catalog. */
  catalogRefreshSeconds: number;
  /** How often the catalog is checked for changes (which rebuild them). */
  catalogChangeCheckSeconds: number;
  /** How often absent-data rules are checked. */
  tickSeconds: number;
  /** Alerts that no rule matches still open incidents. */
  alertsWithoutRule: boolean;
  /** How long detector runs are kept for the health view's history. */
  detectorRunRetentionMs: number;
}

export function readEngineOptions(config: Config): EngineOptions {
  const cloudops = config.getOptionalConfig('cloudops') ?? new ConfigReader({});
  const ms = (key: string, fallback: number) =>
    cloudops.has(key)
      ? durationToMilliseconds(readDurationFromConfig(cloudops, { key }))
      : fallback;
  return {
    correlation: {
      windowMs: ms('correlation.window', 10 * 60_000),
      reopenWindowMs: ms('correlation.reopenWindow', 30 * 60_000),
      maxHops: cloudops.getOptionalNumber('correlation.maxHops') ?? 2,
    },
    catalogRefreshSeconds: ms('catalog.refreshInterval', 10 * 60_000) / 1000,
    catalogChangeCheckSeconds: ms('catalog.changeCheckInterval', 10_000) / 1000,
    tickSeconds: ms('rules.tickInterval', 30_000) / 1000,
    alertsWithoutRule:
      cloudops.getOptionalBoolean('rules.alertsWithoutRule') ?? true,
    detectorRunRetentionMs: ms('detectors.runRetention', 7 * 24 * 3600_000),
  };
}
