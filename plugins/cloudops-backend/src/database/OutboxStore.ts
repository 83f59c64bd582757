import {
  ActionDelivery,
  ActionKind,
  DeliveryEvent,
  DeliveryStatus,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** A remediation a rule asked for, recorded by the delivery's `plan` step. */
export interface RequestedRemediation {
  executor: string;
  ref: string;
  parameters: Record<string, unknown>;
  ruleId?: string;
  requestedBy: string;
  approval?: { required: boolean; approvers?: number };
  dryRun?: boolean;
}

/** What a delivery carries besides its channel and target. */
export interface DeliveryPayload {
  /** The remediation request of approval messages and remediation steps. */
  remediationId?: string;
  /** For `remediate` deliveries: which step to run. */
  step?: 'plan' | 'dry-run' | 'execute';
  /** For a rule's `plan` step: the request to record first. */
  request?: RequestedRemediation;
}

/** A delivery to add to the outbox. */
export interface NewDelivery {
  /** Absent for the steps of an opportunity's remediation. */
  incidentId?: string;
  kind: ActionKind;
  channel: string;
  target?: string;
  event: DeliveryEvent;
  payload: DeliveryPayload;
  maxAttempts: number;
}

/** A delivery an attempt holds the lease of. */
export interface ClaimedDelivery extends ActionDelivery {
  payload: DeliveryPayload;
  conversation: string;
  /** When the lease ends: another attempt may start after it. */
  leaseUntil: Date;
  /**
   * An earlier attempt, also one before an operator retried the delivery,
   * may have reached the channel.
   */
  redelivery: boolean;
  /**
   * Its last attempt never finished (the backend stopped during it) and no
   * attempt is left: claimed only to be recorded as a dead letter, not
   * tried again.
   */
  abandoned?: boolean;
}

/** How an attempt ended that did not deliver. */
export type DeliveryFailure =
  | { error: string; retryAt: Date }
  | { error: string; dead: true };

/** Filters for listing deliveries, newest first. */
export interface DeliveryFilter {
  incidentId?: string;
  status?: DeliveryStatus[];
  channel?: string;
  limit: number;
  /** Deliveries created before this one (paging). */
  beforeId?: string;
}

/**
 * The outbox: deliveries written with the incident change that caused them,
 * claimed by attempts under a lease, delivered in order within a
 * conversation (an incident, a channel and a target).
 */
export interface OutboxStore {
  enqueue(deliveries: NewDelivery[], at: Date): Promise<ActionDelivery[]>;
  /**
   * Takes up to `limit` due deliveries (pending and due, or delivering with
   * an expired lease) whose conversation has nothing earlier outstanding,
   * leaving out `excludeChannels` and taking no more of a channel than its
   * `room`; each gets a lease until `now + leaseMs`
   * and one more attempt. Safe with several replicas: a delivery is claimed
   * by one of them.
   */
  claimDue(options: {
    now: Date;
    leaseMs: number;
    /**
     * The lease of a remediation step instead, which runs up to the
     * remediation timeout: a step's lease must outlast the step, or another
     * worker takes it over while it runs.
     */
    remediationLeaseMs?: number;
    limit: number;
    excludeChannels?: string[];
    /** How many more deliveries each channel may take now (default: no limit). */
    room?: (channel: string) => number;
  }): Promise<ClaimedDelivery[]>;
  /** When the earliest pending delivery is due, if any. */
  nextDueAt(): Promise<Date | undefined>;
  markDelivered(
    id: string,
    attempt: number,
    result: Record<string, unknown>,
    at: Date,
  ): Promise<boolean>;
  markFailed(
    id: string,
    attempt: number,
    failure: DeliveryFailure,
    at: Date,
  ): Promise<boolean>;
  /**
   * Gives a claimed delivery back, pending at once and without the attempt
   * counting, when the attempt sent nothing (it could not send within its
   * lease). False when another attempt has claimed it since.
   */
  release(
    id: string,
    attempt: number,
    leaseUntil: Date,
    at: Date,
  ): Promise<boolean>;
  /**
   * Puts a dead delivery back to pending with fresh attempts; it stays
   * known as tried ({@link ClaimedDelivery.redelivery}).
   */
  retry(id: string, at: Date): Promise<ActionDelivery | undefined>;
  get(id: string): Promise<ActionDelivery | undefined>;
  list(filter: DeliveryFilter): Promise<ActionDelivery[]>;
  /** The results of the conversation's delivered deliveries, merged in order. */
  thread(conversation: string): Promise<Record<string, unknown>>;
}

/** The conversation of a delivery: its deliveries go out in order. */
export function conversationOf(delivery: {
  incidentId?: string;
  kind: ActionKind;
  channel: string;
  target?: string;
}): string {
  return [
    delivery.incidentId ?? '',
    delivery.kind,
    delivery.channel,
    delivery.target ?? '',
  ].join('|');
}
