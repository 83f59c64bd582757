import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * Where and when to look for log evidence of an incident: the entity (its
 * annotations say which logs are its own) and a time window.
 *
 * @public
 */
export interface LogEvidenceRequest {
  entity: { ref: string; annotations: Record<string, string> };
  from: Date;
  to: Date;
  /**
   * Which lines count as errors: a regular expression, matched without
   * regard to case. Defaults to error, exception, fatal, panic, critical and
   * 5xx statuses.
   */
  errorPattern?: string;
  /** How many top messages to return (default 10). */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * Evidence from one set of logs (one account and region's log groups) for
 * one window.
 *
 * @public
 */
export interface LogEvidence {
  /** The provider, e.g. `cloudwatch-logs`. */
  source: string;
  /** Where the logs are, e.g. `aws:111111111111:us-east-1`. */
  location: string;
  logGroups: string[];
  /** ISO 8601. */
  from: string;
  to: string;
  binSeconds: number;
  /** Error lines per bin, oldest first; bins without errors are 0. */
  errorTimeline: Array<{ start: string; count: number }>;
  /** Runs of bins well above the window's usual error rate. */
  bursts: Array<{
    start: string;
    end: string;
    count: number;
    /** The typical errors per bin in the window (median). */
    baseline: number;
  }>;
  /** The most frequent error messages, with numbers and ids folded together. */
  topMessages: Array<{
    message: string;
    count: number;
    first: string;
    last: string;
    example: string;
  }>;
  /** The queries that produced this, to reproduce it in the provider's console. */
  queries: string[];
  statistics: { recordsScanned: number; bytesScanned: number };
}

/**
 * Finds log evidence around an incident: error bursts and top error
 * messages. The RCA engine calls every provider for the candidate entities
 * of an incident; a provider returns nothing for an entity whose logs it
 * does not know.
 *
 * @public
 */
export interface LogEvidenceProvider {
  id: string;
  collect(request: LogEvidenceRequest): Promise<LogEvidence[]>;
}

/**
 * Lets modules add log evidence providers (CloudWatch Logs Insights, …) to
 * the CloudOps engine's root-cause analysis.
 *
 * @public
 */
export interface CloudopsLogEvidenceExtensionPoint {
  addProvider(provider: LogEvidenceProvider): void;
}

/** @public */
export const cloudopsLogEvidenceExtensionPoint =
  createExtensionPoint<CloudopsLogEvidenceExtensionPoint>({
    id: 'cloudops.log-evidence',
  });
