import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import {
  IncidentSeverity,
  INCIDENT_SEVERITIES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { durationToMilliseconds } from '@backstage/types';

/** Which incidents a route or an approval rule applies to; absent fields match all. */
export interface IncidentMatch {
  severity?: IncidentSeverity[];
  environment?: string[];
  /** Owner group refs (`group:default/team-a`) or names. */
  owner?: string[];
}

/** Deliveries for every incident that a route matches, besides its rule's actions. */
export interface Route extends IncidentMatch {
  notify: Array<{ channel: string; target?: string }>;
  ticket: Array<{ system: string; project?: string }>;
}

/** Approvals needed for remediations on matching incidents. */
export interface ApprovalRule extends IncidentMatch {
  approvers: number;
}

/** The dispatcher's settings from `cloudops.actions`, with their defaults. */
export interface ActionOptions {
  /** Nothing mutates: remediations are refused (and dry-run only); notifications and tickets still go out. */
  readOnly: boolean;
  /** Outside production, remediations that may raise cost are refused. */
  costSafe: boolean;
  routes: Route[];
  /**
   * Incident changes older than this when they are made (a source's
   * backfill, history pushed at start) are recorded but not sent anywhere.
   */
  maxEventAgeMs: number;
  delivery: {
    maxAttempts: number;
    initialBackoffMs: number;
    maxBackoffMs: number;
    /** How long one attempt may take. */
    timeoutMs: number;
    /** How often the outbox is looked at besides being woken by changes. */
    pollIntervalMs: number;
    /** How many deliveries one replica makes at once. */
    batchSize: number;
  };
  remediation: {
    approvals: ApprovalRule[];
    /** The most targets one run may touch. */
    maxTargets: number;
    /** How long one dry run or execution may take. */
    timeoutMs: number;
    /** How long a request waits for its approvals before it expires. */
    approvalTimeoutMs: number;
  };
  /** The portal, for links in messages. */
  appBaseUrl: string;
}

const DEFAULT_APPROVALS: ApprovalRule[] = [
  { severity: ['critical'], environment: ['production'], approvers: 2 },
  { environment: ['production'], approvers: 1 },
];

function readMatch(config: Config): IncidentMatch {
  const severity = config.getOptionalStringArray('severity');
  for (const s of severity ?? []) {
    if (!(INCIDENT_SEVERITIES as readonly string[]).includes(s)) {
      throw new Error(
        `Invalid severity "${s}" in cloudops.actions config; expected one of ${INCIDENT_SEVERITIES.join(
          ', ',
        )}`,
      );
    }
  }
  return {
    severity: severity as IncidentSeverity[] | undefined,
    environment: config.getOptionalStringArray('environment'),
    owner: config.getOptionalStringArray('owner'),
  };
}

export function readActionOptions(config: Config): ActionOptions {
  const actions =
    config.getOptionalConfig('cloudops.actions') ?? new ConfigReader({});
  const ms = (key: string, fallback: number) =>
    actions.has(key)
      ? durationToMilliseconds(readDurationFromConfig(actions, { key }))
      : fallback;
  const approvals = actions.getOptionalConfigArray('remediation.approvals');
  return {
    readOnly: config.getOptionalBoolean('cloudops.readOnly') ?? false,
    costSafe: actions.getOptionalBoolean('costSafe') ?? true,
    maxEventAgeMs: ms('maxEventAge', 60 * 60_000),
    routes: (actions.getOptionalConfigArray('routes') ?? []).map(route => ({
      ...readMatch(route),
      notify: (route.getOptionalConfigArray('notify') ?? []).map(n => ({
        channel: n.getString('channel'),
        target: n.getOptionalString('target'),
      })),
      ticket: (route.getOptionalConfigArray('ticket') ?? []).map(t => ({
        system: t.getString('system'),
        project: t.getOptionalString('project'),
      })),
    })),
    delivery: {
      maxAttempts: actions.getOptionalNumber('delivery.maxAttempts') ?? 8,
      initialBackoffMs: ms('delivery.initialBackoff', 2_000),
      maxBackoffMs: ms('delivery.maxBackoff', 10 * 60_000),
      timeoutMs: ms('delivery.timeout', 15_000),
      pollIntervalMs: ms('delivery.pollInterval', 2_000),
      batchSize: actions.getOptionalNumber('delivery.batchSize') ?? 16,
    },
    remediation: {
      approvals: approvals
        ? approvals.map(a => ({
            ...readMatch(a),
            approvers: a.getNumber('approvers'),
          }))
        : DEFAULT_APPROVALS,
      maxTargets: actions.getOptionalNumber('remediation.maxTargets') ?? 5,
      timeoutMs: ms('remediation.timeout', 30 * 60_000),
      approvalTimeoutMs: ms('remediation.approvalTimeout', 24 * 3600_000),
    },
    appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
  };
}
