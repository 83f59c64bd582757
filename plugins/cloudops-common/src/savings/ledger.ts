/**
 * The states of a savings opportunity in the ledger. The main path is
 * detected → pr_opened → approved → merged → validated → realized; an
 * opportunity can also be rejected, snoozed or expire.
 *
 * @public
 */
export const OPPORTUNITY_STATES = [
  'detected',
  'pr_opened',
  'approved',
  'merged',
  'validated',
  'realized',
  'rejected',
  'snoozed',
  'expired',
] as const;

/** @public */
export type OpportunityState = (typeof OPPORTUNITY_STATES)[number];

/**
 * States in which an opportunity is still waiting for someone to act on it:
 * its savings count as potential.
 *
 * @public
 */
export const OPEN_OPPORTUNITY_STATES: readonly OpportunityState[] = [
  'detected',
  'pr_opened',
  'approved',
];

/**
 * States after the change was made: post-change usage and cost are observed
 * for them.
 *
 * @public
 */
export const CHANGED_OPPORTUNITY_STATES: readonly OpportunityState[] = [
  'merged',
  'validated',
  'realized',
];

/**
 * Every allowed move, from each state. `validated` and `realized` are only
 * ever reached by the engine's validation job, from post-change usage and
 * cost (see {@link ENGINE_ONLY_STATES}); `expired` by the detectors (the
 * waste is no longer found) and the way back to `detected` by a detection
 * or the end of a snooze.
 *
 * @public
 */
export const OPPORTUNITY_TRANSITIONS: Record<
  OpportunityState,
  readonly OpportunityState[]
> = {
  detected: ['pr_opened', 'rejected', 'snoozed', 'expired'],
  pr_opened: ['approved', 'rejected', 'detected'],
  approved: ['merged', 'rejected', 'detected'],
  merged: ['validated', 'rejected'],
  validated: ['realized', 'rejected'],
  realized: [],
  rejected: ['detected'],
  snoozed: ['detected', 'rejected', 'expired'],
  expired: ['detected'],
};

/**
 * States that only the engine sets: a person or a remediation template
 * cannot claim savings were validated or realized, the validation job
 * measures it; nor can they expire an opportunity.
 *
 * @public
 */
export const ENGINE_ONLY_STATES: readonly OpportunityState[] = [
  'validated',
  'realized',
  'expired',
];

/**
 * Whether an opportunity may move from `from` to `to`.
 *
 * @public
 */
export function canTransition(
  from: OpportunityState,
  to: OpportunityState,
): boolean {
  return OPPORTUNITY_TRANSITIONS[from].includes(to);
}

/**
 * One entry of an opportunity's ledger history: a state change, by whom and
 * when, with what came with it (a PR link, a snooze end, the measurements
 * behind a validation).
 *
 * @public
 */
export interface LedgerEntry {
  id: string;
  opportunityId: string;
  /** Absent for the first entry (the detection). */
  from?: OpportunityState;
  to: OpportunityState;
  /** A user or service ref, or `cloudops` for the engine. */
  actor: string;
  note?: string;
  data: Record<string, unknown>;
  /** ISO 8601. */
  createdAt: string;
}
