import {
  Evidence,
  LedgerEntry,
  Opportunity,
  OpportunityKind,
  OpportunityList,
  OpportunityRisk,
  OpportunityState,
  SavingsObservation,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** Filters for listing opportunities and summing their savings. */
export interface OpportunityFilter {
  account?: string;
  /** The owning team (group ref). */
  ownerRef?: string;
  systemRef?: string;
  entityRef?: string;
  detector?: string;
  shard?: string;
  kind?: OpportunityKind[];
  state?: OpportunityState[];
  riskLevel?: Array<OpportunityRisk['level']>;
  /** Sums are only meaningful in one currency: totals count this one. */
  currency?: string;
}

/** An opportunity as stored: with its dedup key and observation cursor. */
export interface StoredOpportunity extends Opportunity {
  dedupKey: string;
  /** The end of its last post-change observation window. */
  observedUntil?: string;
}

/** The opportunity as the API serves it, without the store's bookkeeping. */
export function publicOpportunity(stored: StoredOpportunity): Opportunity {
  const { dedupKey: _key, observedUntil: _until, ...opportunity } = stored;
  return opportunity;
}

/** What the pipeline writes for a new or re-detected opportunity. */
export type OpportunityWrite = Omit<
  StoredOpportunity,
  | 'id'
  | 'realizedToDate'
  | 'measuredMonthlySavings'
  | 'observedUntil'
  | 'pullRequestUrl'
  | 'snoozedUntil'
> & { evidence: Evidence };

/** Columns that change after creation. */
export interface OpportunityPatch {
  state?: OpportunityState;
  stateChangedAt?: Date;
  snoozedUntil?: Date | null;
  pullRequestUrl?: string | null;
  observedUntil?: Date;
  /** Adds to the realized savings. */
  realized?: number;
  measuredMonthlySavings?: number;
  /** A re-detection: the latest finding (only while still open to change). */
  detection?: Omit<
    OpportunityWrite,
    | 'state'
    | 'firstDetectedAt'
    | 'stateChangedAt'
    | 'detectionCount'
    | 'dedupKey'
  >;
  /** A re-detection of a changed or rejected opportunity: only when and on which shard. */
  seen?: { at: Date; shard: string };
}

export interface ObservationInput {
  opportunityId: string;
  windowStart: Date;
  windowEnd: Date;
  applied: boolean;
  baselineCost: number;
  actualCost: number;
  peakUtilization?: number;
  costSource: string;
  observedAt: Date;
}

/** A ledger move, with the opportunity's kind and savings at the time. */
export interface LedgerMove extends LedgerEntry {
  kind: OpportunityKind;
  monthlySavings: number;
  entityRef?: string;
  currency: string;
}

/** Opportunities, their ledger and their post-change observations. */
export interface OpportunityStore {
  findByKeys(keys: string[]): Promise<Map<string, StoredOpportunity>>;
  get(id: string): Promise<StoredOpportunity | undefined>;
  getEvidence(id: string): Promise<Evidence | undefined>;
  insert(write: OpportunityWrite): Promise<StoredOpportunity>;
  /**
   * Applies the patch; with `expectedState`, only while the opportunity is
   * still in that state. Whether it was applied (false: no such
   * opportunity, or another change moved it first).
   */
  update(
    id: string,
    patch: OpportunityPatch,
    expectedState?: OpportunityState,
  ): Promise<boolean>;
  list(
    filter: OpportunityFilter,
    page: {
      limit: number;
      offset: number;
      sort: 'savings' | 'risk' | 'detected';
    },
  ): Promise<OpportunityList>;
  /** Every opportunity of a detector's shard in these states. */
  listForShard(
    detector: string,
    shard: string,
    states: readonly OpportunityState[],
  ): Promise<StoredOpportunity[]>;
  /** The detectors and shards that have opportunities in these states. */
  listShards(
    states: readonly OpportunityState[],
    detector?: string,
  ): Promise<Array<{ detector: string; shard: string }>>;
  /** A detector's opportunities in these states last detected before `before`. */
  listDetectedBefore(
    detector: string,
    states: readonly OpportunityState[],
    before: Date,
  ): Promise<StoredOpportunity[]>;
  /** Snoozed opportunities whose snooze ended by `now`. */
  listSnoozeEnded(now: Date): Promise<StoredOpportunity[]>;

  appendLedger(
    entry: Omit<LedgerEntry, 'id' | 'createdAt'> & {
      createdAt: Date;
      monthlySavings: number;
    },
  ): Promise<LedgerEntry>;
  ledger(opportunityId: string): Promise<LedgerEntry[]>;
  /** Ledger moves in [from, to), oldest first. */
  ledgerBetween(from: Date, to: Date): Promise<LedgerMove[]>;

  addObservation(input: ObservationInput): Promise<SavingsObservation>;
  observations(opportunityId: string): Promise<SavingsObservation[]>;
  /** Measured savings per UTC day (epoch ms of the day) of windows ending in [from, to). */
  savingsByDay(
    filter: OpportunityFilter,
    from: Date,
    to: Date,
  ): Promise<Array<{ day: number; amount: number }>>;
  /** Sums over the filter: potential (open states), realized to date and run-rate. */
  totals(filter: OpportunityFilter): Promise<{
    potentialMonthlySavings: number;
    openCount: number;
    realizedToDate: number;
    realizedMonthly: number;
  }>;
}
