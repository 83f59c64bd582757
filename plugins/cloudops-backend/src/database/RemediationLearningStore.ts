/** What became of a remediation action. */
export type LearnedOutcome = 'pending' | 'succeeded' | 'failed' | 'superseded';

/** A runbook run for an incident. */
export interface RemediationAction {
  id: string;
  incidentId: string;
  runbookId: string;
  actor: string;
  /** The incident's signature key when the action was recorded. */
  signatureKey: string;
  outcome: LearnedOutcome;
  reason?: string;
  recordedAt: string;
  decidedAt?: string;
}

/** How often a runbook resolved incidents of one signature. */
export interface RunbookStats {
  runbookId: string;
  successes: number;
  failures: number;
}

/** A decision on an action: from which outcome to which, and the counts it moves. */
export interface LearningDecision {
  from: LearnedOutcome;
  to: LearnedOutcome;
  reason?: string;
  at: Date;
  delta: { successes: number; failures: number };
}

/** Where remediation actions and their learned success live. */
export interface RemediationLearningStore {
  recordAction(action: {
    incidentId: string;
    runbookId: string;
    actor: string;
    signatureKey: string;
    recordedAt: Date;
  }): Promise<RemediationAction>;
  getAction(id: string): Promise<RemediationAction | undefined>;
  /** The incident's actions, oldest first. */
  listActions(incidentId: string): Promise<RemediationAction[]>;
  /**
   * Moves an action to a new outcome (only from `from`) and adjusts its
   * runbook's counts for the signature by `delta`. Returns false when the
   * action was no longer in `from` (someone else decided it first).
   */
  decide(id: string, change: LearningDecision): Promise<boolean>;
  /** Learned counts for a signature, by runbook. */
  getStats(signatureKey: string): Promise<RunbookStats[]>;
  /**
   * Incidents whose actions may need deciding: pending actions on resolved
   * incidents, or succeeded actions on incidents that are open again.
   */
  listIncidentsToReconcile(limit: number): Promise<string[]>;
}
