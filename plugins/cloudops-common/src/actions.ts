import { IncidentSeverity } from './incident';

/**
 * What an outbox delivery does: tell someone, open or update a ticket, or take
 * a step of a remediation.
 *
 * @public
 */
export const ACTION_KINDS = ['notify', 'ticket', 'remediate'] as const;

/** @public */
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * The life of one outbox delivery: `pending` (waiting for its next attempt),
 * `delivering` (an attempt holds its lease), `delivered`, or `dead` (it ran
 * out of attempts or failed permanently; a retry puts it back to `pending`).
 *
 * @public
 */
export const DELIVERY_STATUSES = [
  'pending',
  'delivering',
  'delivered',
  'dead',
] as const;

/** @public */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Why a delivery was made: the incident change it reports.
 *
 * @public
 */
export const DELIVERY_EVENTS = [
  'opened',
  'escalated',
  'acknowledged',
  'mitigated',
  'resolved',
  'reopened',
  'approval-requested',
  'remediation-updated',
  'remediation-step',
] as const;

/** @public */
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

/**
 * One outbox delivery as served by the API.
 *
 * @public
 */
export interface ActionDelivery {
  id: string;
  /** The incident it is about; absent for the steps of an opportunity's remediation. */
  incidentId?: string;
  kind: ActionKind;
  /** The channel, ticket system or remediation executor that carries it. */
  channel: string;
  /** Where: a Slack channel, a webhook name, a Jira project; absent for the channel's default. */
  target?: string;
  event: DeliveryEvent;
  /** Sent with every attempt, so an idempotent receiver takes it once. */
  idempotencyKey: string;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  /** ISO 8601: when the next attempt may start (pending deliveries). */
  nextAttemptAt?: string;
  lastError?: string;
  /** What the channel reported: a message timestamp, a ticket key. */
  result: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  deliveredAt?: string;
}

/**
 * The states of a remediation request: `requested` (policy not yet
 * evaluated), `dry-run` (the executor's dry run is pending), `awaiting-approval`,
 * `approved` (execution queued), `executing`, `succeeded`, `failed`,
 * `rejected` (an approver said no), `blocked` (policy refused it), `expired`
 * (its approvals did not come before its approval expiry) and `cancelled`
 * (its incident was resolved, or its opportunity closed, before it ran).
 *
 * @public
 */
export const REMEDIATION_STATES = [
  'requested',
  'dry-run',
  'awaiting-approval',
  'approved',
  'executing',
  'succeeded',
  'failed',
  'rejected',
  'blocked',
  'expired',
  'cancelled',
] as const;

/** @public */
export type RemediationState = (typeof REMEDIATION_STATES)[number];

/**
 * One approver's decision on a remediation request.
 *
 * @public
 */
export interface RemediationDecision {
  /** The approver's user entity ref. */
  actor: string;
  decision: 'approve' | 'reject';
  /** Where it was made: `portal`, `slack`, … */
  via: string;
  comment?: string;
  createdAt: string;
}

/**
 * What policy found when it looked at a request.
 *
 * @public
 */
export interface RemediationPolicyResult {
  /** Approvals needed before execution (0, 1 or 2). */
  approvalsRequired: number;
  /** Why, e.g. `critical in production needs 2 approvers`. */
  reasons: string[];
  /** Set when policy refuses the request: read-only, cost-safe, blast radius. */
  blockedBy?: 'read-only' | 'cost-safe' | 'blast-radius' | 'executor';
  environment?: string;
  /** What the executor said the run would touch. */
  targets: string[];
  costImpact?: 'increase' | 'neutral' | 'decrease' | 'unknown';
  /**
   * What the executor pinned of its plan (e.g. `documentVersion`): the dry
   * run and the execution run exactly that, or fail when it is gone.
   */
  pin?: Record<string, string>;
}

/**
 * A request to run a remediation, with its approvals and outcome. Its
 * subject is an incident or a savings opportunity: exactly one of
 * `incidentId` and `opportunityId` is set.
 *
 * @public
 */
export interface RemediationRequest {
  id: string;
  /** The incident it remediates … */
  incidentId?: string;
  /** … or the savings opportunity it applies. */
  opportunityId?: string;
  ruleId?: string;
  executor: string;
  /** The runbook, automation document or template the executor runs. */
  ref: string;
  parameters: Record<string, unknown>;
  /** Who asked: a user ref, or `cloudops` for a rule. */
  requestedBy: string;
  state: RemediationState;
  severity: IncidentSeverity;
  policy: RemediationPolicyResult;
  decisions: RemediationDecision[];
  /**
   * When waiting for approvals ends (set when the request starts waiting):
   * later decisions are refused and the request expires.
   */
  approvalExpiresAt?: string;
  /** The dry run's and the execution's outputs. */
  dryRun?: RemediationOutcome;
  outcome?: RemediationOutcome;
  createdAt: string;
  updatedAt: string;
}

/**
 * What an executor reported for a dry run or an execution.
 *
 * @public
 */
export interface RemediationOutcome {
  status: 'succeeded' | 'failed';
  summary: string;
  outputs: Record<string, unknown>;
  /** The executor's own id for the run (an automation execution id). */
  executionId?: string;
  finishedAt: string;
}
