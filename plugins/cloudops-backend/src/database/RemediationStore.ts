import {
  RemediationDecision,
  RemediationOutcome,
  RemediationPolicyResult,
  RemediationRequest,
  RemediationState,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** What the store needs to record a request. */
export type NewRemediationRequest = Pick<
  RemediationRequest,
  | 'incidentId'
  | 'opportunityId'
  | 'ruleId'
  | 'executor'
  | 'ref'
  | 'parameters'
  | 'requestedBy'
  | 'state'
  | 'severity'
  | 'policy'
>;

/** Columns that change as a request moves on. */
export interface RemediationPatch {
  state?: RemediationState;
  policy?: RemediationPolicyResult;
  dryRun?: RemediationOutcome;
  outcome?: RemediationOutcome;
  approvalExpiresAt?: Date;
}

/** Remediation requests and their approvers' decisions. */
export interface RemediationStore {
  /** Records a request under `id` (a new UUID when absent). */
  create(
    request: NewRemediationRequest,
    at: Date,
    id?: string,
  ): Promise<RemediationRequest>;
  get(id: string): Promise<RemediationRequest | undefined>;
  /**
   * The request with its row locked until the transaction ends
   * (PostgreSQL's `FOR UPDATE`; SQLite runs one writer at a time): those
   * who decide or end it read it so, and see each other's decisions.
   */
  getForUpdate(id: string): Promise<RemediationRequest | undefined>;
  list(filter: {
    incidentId?: string;
    opportunityId?: string;
    state?: RemediationState[];
    limit: number;
  }): Promise<RemediationRequest[]>;
  /**
   * Applies `patch` when the request is in one of `from`; false when it was
   * not (another replica or approver moved it first).
   */
  transition(
    id: string,
    from: RemediationState[],
    patch: RemediationPatch,
    at: Date,
  ): Promise<boolean>;
  /**
   * The ids of requests awaiting approval whose approval expired by `now`,
   * the longest expired first.
   */
  listExpiredApprovals(now: Date, limit: number): Promise<string[]>;
  /** Fails with a unique-key conflict when this approver already decided. */
  addDecision(
    requestId: string,
    decision: Omit<RemediationDecision, 'createdAt'>,
    at: Date,
  ): Promise<void>;
}
