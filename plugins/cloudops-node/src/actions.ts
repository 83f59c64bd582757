import {
  BackstageCredentials,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import {
  DeliveryEvent,
  Incident,
  IncidentDetail,
  Opportunity,
  RemediationOutcome,
  RemediationRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * What a root-cause analysis says in a sentence, and the evidence for it.
 *
 * @public
 */
export interface IncidentExplanation {
  headline?: string;
  evidence: string[];
}

/**
 * One delivery handed to a channel. The same delivery may be handed over more
 * than once (at-least-once): `idempotencyKey` is the same every time.
 *
 * @public
 */
export interface ActionDeliveryRequest {
  id: string;
  idempotencyKey: string;
  /** 1 on the first attempt, and again on the first after an operator retries a dead delivery. */
  attempt: number;
  /**
   * An earlier attempt of this delivery, also one before an operator's
   * retry, may have reached the receiver: look for what it sent (by
   * `idempotencyKey`) before sending again. Absent: the first attempt ever.
   */
  redelivery?: boolean;
  kind: 'notify' | 'ticket';
  event: DeliveryEvent;
  /** Where: a Slack channel, a webhook name, a Jira project; the channel's default when absent. */
  target?: string;
  incident: Incident;
  /** The incident's catalog entity, when it has one. */
  entity?: {
    ref: string;
    title?: string;
    environment?: string;
    ownerRef?: string;
  };
  links: { incident: string };
  rca?: IncidentExplanation;
  /**
   * What earlier deliveries of the same conversation (incident, channel,
   * target) returned, merged: a message timestamp to thread under, a ticket
   * key to comment on. Empty for the first.
   */
  thread: Record<string, unknown>;
  /** For `approval-requested` and `remediation-updated`: the request. */
  remediation?: RemediationRequest;
  signal: AbortSignal;
}

/**
 * What a channel reports for a delivery; `result` is kept with the delivery
 * and handed to later deliveries of the conversation as `thread`.
 *
 * @public
 */
export interface ActionDeliveryResult {
  result?: Record<string, unknown>;
}

/**
 * Thrown by a channel for a failed delivery. A retryable failure (the
 * default: timeouts, 5xx, throttling) is tried again with backoff; a
 * permanent one (a rejected request) goes to the dead letters at once.
 *
 * @public
 */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  /** A wait the receiver asked for (Retry-After), used instead of backoff when longer. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    options: { retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
    this.retryable = options.retryable ?? true;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * An entry a module writes to the audit log: a channel's refused
 * interaction, a demo scenario started.
 *
 * @public
 */
export interface ActionAuditEntry {
  /** kebab-case, e.g. `slack-interaction`. */
  action: string;
  actor: string;
  target?: string;
  outcome: 'succeeded' | 'failed';
  meta: Record<string, unknown>;
}

/**
 * What the engine lets channels do once it runs: read incidents and requests,
 * record decisions taken in the channel (checked against permissions with the
 * decider's credentials), and audit what the channel refused.
 *
 * @public
 */
export interface CloudopsActionsEngine {
  /** The incident's page in the portal. */
  incidentUrl(incident: Incident): string;
  getIncident(incidentId: string): Promise<IncidentDetail | undefined>;
  getRemediation(requestId: string): Promise<RemediationRequest | undefined>;
  explain(incidentId: string): Promise<IncidentExplanation>;
  /**
   * Records an approver's decision. `credentials` are the approver's: the
   * decision counts only when the permission policy grants them
   * `cloudops.remediation.approve` (throws NotAllowedError otherwise), and
   * never from the requester.
   */
  decide(
    requestId: string,
    decision: {
      decision: 'approve' | 'reject';
      via: string;
      comment?: string;
      credentials: BackstageCredentials;
    },
  ): Promise<RemediationRequest>;
  /** Writes to the audit log and Backstage's auditor. */
  audit(entry: ActionAuditEntry): Promise<void>;
}

/**
 * A way to tell people or systems about incidents: a chat, a webhook, a
 * ticketing system, a pager.
 *
 * @public
 */
export interface CloudopsActionChannel {
  /** The name rules use: `notify: {channel: <id>}` or `ticket: {system: <id>}`. */
  id: string;
  /** Whether it takes notifications, tickets or both. */
  kinds: Array<'notify' | 'ticket'>;
  /**
   * An annotation of the owning team's Group entity that names this
   * channel's target for the team (`slack.com/channel`), used when the rule
   * names no target.
   */
  ownerTargetAnnotation?: string;
  /** How many deliveries it takes at once (default 4). */
  concurrency?: number;
  /** Called once when the engine is ready. */
  connect?(engine: CloudopsActionsEngine): void;
  /** Delivers one message; throws {@link DeliveryError} on failure. */
  deliver(request: ActionDeliveryRequest): Promise<ActionDeliveryResult>;
}

/**
 * What a remediation would touch and what it does to cost, as far as the
 * executor can tell before running it.
 *
 * @public
 */
export interface RemediationPlan {
  /** The resources or entities it changes (its blast radius). */
  targets: string[];
  costImpact: 'increase' | 'neutral' | 'decrease' | 'unknown';
  summary?: string;
  /**
   * Executor-specific identifiers of exactly what was planned (an SSM
   * document's version, a template's commit), so that what approvers saw is
   * what runs even when the source changes meanwhile. Stored with the
   * request's plan and handed back on every later run of that request (dry
   * run and execution) as {@link RemediationRun.pinned}. Keep it small:
   * identifiers, not content.
   */
  pin?: Record<string, string>;
}

/**
 * Where a remediation acts, taken from its subject: the incident's entity,
 * account and `region`/`resource` labels, or the savings opportunity's
 * entity and resource (its id, account and region).
 *
 * @public
 */
export interface RemediationScope {
  entityRef?: string;
  /** The cloud account, e.g. a 12-digit AWS account id. */
  account?: string;
  region?: string;
  /** The resource it acts on: an ARN, a Kubernetes object id. */
  resource?: string;
}

/**
 * One run of an executor. Its subject is an incident or a savings
 * opportunity (exactly one of `incident` and `opportunity` is set); `scope`
 * says where it acts either way.
 *
 * @public
 */
export interface RemediationRun {
  requestId: string;
  /** The same for every attempt of this step: pass it to the target system as its idempotency token. */
  idempotencyKey: string;
  ref: string;
  parameters: Record<string, unknown>;
  scope: RemediationScope;
  /** The incident it remediates … */
  incident?: Incident;
  /** … or the savings opportunity it applies. */
  opportunity?: Opportunity;
  dryRun: boolean;
  /**
   * The `pin` of the request's stored plan: run exactly that. When it no
   * longer exists (the source changed since it was planned and approved),
   * fail with a permanent {@link DeliveryError} that says so rather than run
   * something else. Absent when the plan pinned nothing (or was stored
   * before pins existed): run what is current.
   */
  pinned?: Record<string, string>;
  /** Aborts when the attempt's time is up. */
  signal: AbortSignal;
  /**
   * Whether this is the step's last attempt: when it fails or times out, the
   * request fails and nothing tries again. Work the executor started that
   * goes on without it (an automation, a task) should then be stopped, best
   * effort and with its own deadline (`signal` may already be aborted), so
   * a failed request leaves nothing running. On an earlier attempt leave it
   * running: the retry follows it again through `idempotencyKey`. Absent
   * when not known.
   */
  finalAttempt?: boolean;
  /**
   * Reports progress while the run goes on: a line on the incident's
   * timeline, or a progress entry in the audit log of the opportunity's
   * request.
   */
  progress(message: string, data?: Record<string, unknown>): Promise<void>;
}

/**
 * Something that carries out remediations: SSM Automation, a scaffolder
 * template.
 *
 * @public
 */
export interface CloudopsRemediationExecutor {
  /** The name rules use: `remediate: {executor: <id>}`. */
  id: string;
  /** Whether `execute` with `dryRun: true` runs without changing anything. */
  supportsDryRun: boolean;
  /**
   * What a run would touch, asked when a person requests it (before the
   * request is stored), for policy before it runs, and by policy previews.
   * Throw an `InputError` (`@backstage/errors`) naming what the request got
   * wrong (an unknown parameter, a missing one): the requester gets it as a
   * 400 and the request is not stored (a rule's request fails at once,
   * without retries). Other failures (the cloud's answer, with accounts and
   * roles in it) are logged, not shown to the caller: a person's request is
   * stored anyway and its plan step meets them (retried when retryable); a
   * policy preview answers 503.
   */
  plan(
    run: Omit<
      RemediationRun,
      'dryRun' | 'idempotencyKey' | 'progress' | 'pinned'
    >,
  ): Promise<RemediationPlan>;
  /**
   * Runs to completion; failures are reported as `status: 'failed'` or
   * thrown ({@link DeliveryError} says whether another attempt may help; an
   * `InputError` is never retried).
   */
  execute(run: RemediationRun): Promise<Omit<RemediationOutcome, 'finishedAt'>>;
}

/**
 * Lets modules add action channels and remediation executors to the
 * dispatcher.
 *
 * @public
 */
export interface CloudopsActionsExtensionPoint {
  addChannel(channel: CloudopsActionChannel): void;
  addExecutor(executor: CloudopsRemediationExecutor): void;
}

/** @public */
export const cloudopsActionsExtensionPoint =
  createExtensionPoint<CloudopsActionsExtensionPoint>({
    id: 'cloudops.actions',
  });
