import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_SAVINGS_THRESHOLDS,
  SavingsThresholds,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ValidationOptions } from './validation/assessObservation';

/** The savings settings from `cloudops.readOnly` and `cloudops.savings`. */
export interface SavingsOptions {
  /** Read-only pilot mode: detectors and reports run, no PRs are opened. */
  readOnly: boolean;
  /** The currency totals and reports are in (ISO 4217). */
  currency: string;
  /** Accounts billed in another currency: units of it per US dollar. */
  accountCurrencies: Record<string, { currency: string; usdRate: number }>;
  scanIntervalMs: number;
  validationIntervalMs: number;
  validation: ValidationOptions;
  /** How far back incidents count for a risk score's SLO impact. */
  incidentLookbackMs: number;
  thresholds: SavingsThresholds;
  report: {
    enabled: boolean;
    /** Cron in the host's local time zone (the scheduler's); the week reported is in UTC. */
    cron: string;
    title: string;
    recipients: string[];
  };
}

function mergeThresholds(config?: Config): SavingsThresholds {
  const merged = structuredClone(DEFAULT_SAVINGS_THRESHOLDS);
  if (!config) return merged;
  for (const [group, values] of Object.entries(merged)) {
    const section = config.getOptionalConfig(group);
    if (!section) continue;
    for (const key of section.keys()) {
      if (!(key in values)) {
        throw new Error(
          `Unknown savings threshold cloudops.savings.thresholds.${group}.${key}; known: ${Object.keys(
            values,
          ).join(', ')}`,
        );
      }
      const current = (values as Record<string, unknown>)[key];
      (values as Record<string, unknown>)[key] =
        typeof current === 'boolean'
          ? section.getBoolean(key)
          : section.getNumber(key);
    }
  }
  for (const key of config.keys()) {
    if (!(key in merged)) {
      throw new Error(
        `Unknown savings threshold group cloudops.savings.thresholds.${key}; known: ${Object.keys(
          merged,
        ).join(', ')}`,
      );
    }
  }
  return merged;
}

export function readSavingsOptions(config: Config): SavingsOptions {
  const cloudops = config.getOptionalConfig('cloudops') ?? new ConfigReader({});
  const savings = cloudops.getOptionalConfig('savings') ?? new ConfigReader({});
  const ms = (key: string, fallback: number) =>
    savings.has(key)
      ? durationToMilliseconds(readDurationFromConfig(savings, { key }))
      : fallback;
  const days = (key: string, fallback: number) =>
    savings.getOptionalNumber(key) ?? fallback;
  const accountCurrencies: SavingsOptions['accountCurrencies'] = {};
  for (const account of savings.getOptionalConfigArray('accounts') ?? []) {
    accountCurrencies[account.getString('id')] = {
      currency: account.getString('currency'),
      usdRate: account.getNumber('usdRate'),
    };
  }
  return {
    readOnly: cloudops.getOptionalBoolean('readOnly') ?? false,
    currency: savings.getOptionalString('currency') ?? 'USD',
    accountCurrencies,
    scanIntervalMs: ms('scanInterval', 6 * 3600_000),
    validationIntervalMs: ms('validation.interval', 24 * 3600_000),
    validation: {
      validateAfterDays: days('validation.validateAfterDays', 3),
      realizeAfterDays: days('validation.realizeAfterDays', 30),
      applyDeadlineDays: days('validation.applyDeadlineDays', 14),
      maxPeakUtilization:
        savings.getOptionalNumber('validation.maxPeakUtilization') ?? 0.95,
    },
    incidentLookbackMs: ms('risk.incidentLookback', 30 * 24 * 3600_000),
    thresholds: mergeThresholds(savings.getOptionalConfig('thresholds')),
    report: {
      enabled: savings.getOptionalBoolean('report.enabled') ?? true,
      cron: savings.getOptionalString('report.cron') ?? '0 6 * * *',
      title:
        savings.getOptionalString('report.title') ??
        'Weekly cloud savings report',
      recipients: savings.getOptionalStringArray('report.recipients') ?? [],
    },
  };
}
