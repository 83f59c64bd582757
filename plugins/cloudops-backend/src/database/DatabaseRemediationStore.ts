import crypto from 'node:crypto';
import {
  IncidentSeverity,
  RemediationDecision,
  RemediationRequest,
  RemediationState,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import {
  NewRemediationRequest,
  RemediationPatch,
  RemediationStore,
} from './RemediationStore';
import { parseJson, toIso, toOptionalIso } from './rows';

type Timestamp = Date | string | number;

type RequestRow = {
  id: string;
  incident_id: string | null;
  opportunity_id: string | null;
  rule_id: string | null;
  executor: string;
  ref: string;
  parameters: string;
  requested_by: string;
  state: string;
  severity: string;
  policy: string;
  dry_run: string | null;
  outcome: string | null;
  approval_expires_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

type DecisionRow = {
  request_id: string;
  actor: string;
  decision: string;
  via: string;
  comment: string | null;
  created_at: Timestamp;
};

function fromRows(
  row: RequestRow,
  decisions: DecisionRow[],
): RemediationRequest {
  return {
    id: row.id,
    incidentId: row.incident_id ?? undefined,
    opportunityId: row.opportunity_id ?? undefined,
    ruleId: row.rule_id ?? undefined,
    executor: row.executor,
    ref: row.ref,
    parameters: parseJson(row.parameters, {}),
    requestedBy: row.requested_by,
    state: row.state as RemediationState,
    severity: row.severity as IncidentSeverity,
    policy: parseJson(row.policy, {
      approvalsRequired: 0,
      reasons: [],
      targets: [],
    }),
    decisions: decisions.map(d => ({
      actor: d.actor,
      decision: d.decision as RemediationDecision['decision'],
      via: d.via,
      comment: d.comment ?? undefined,
      createdAt: toIso(d.created_at),
    })),
    approvalExpiresAt: toOptionalIso(row.approval_expires_at),
    dryRun: parseJson(row.dry_run, undefined),
    outcome: parseJson(row.outcome, undefined),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The knex implementation of {@link RemediationStore}. */
export class DatabaseRemediationStore implements RemediationStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async create(
    request: NewRemediationRequest,
    at: Date,
    id: string = crypto.randomUUID(),
  ): Promise<RemediationRequest> {
    const row: RequestRow = {
      id,
      incident_id: request.incidentId ?? null,
      opportunity_id: request.opportunityId ?? null,
      rule_id: request.ruleId ?? null,
      executor: request.executor,
      ref: request.ref,
      parameters: JSON.stringify(request.parameters),
      requested_by: request.requestedBy,
      state: request.state,
      severity: request.severity,
      policy: JSON.stringify(request.policy),
      dry_run: null,
      outcome: null,
      approval_expires_at: null,
      created_at: at,
      updated_at: at,
    };
    await this.db('remediation_requests').insert(row);
    return fromRows(row, []);
  }

  get(id: string): Promise<RemediationRequest | undefined> {
    return this.read(id, false);
  }

  getForUpdate(id: string): Promise<RemediationRequest | undefined> {
    return this.read(id, true);
  }

  private async read(
    id: string,
    lock: boolean,
  ): Promise<RemediationRequest | undefined> {
    const row = await this.db<RequestRow>('remediation_requests')
      .where({ id })
      .modify(query => {
        // SQLite's knex leaves the lock out: its writers take turns anyway.
        if (lock) query.forUpdate();
      })
      .first();
    if (!row) return undefined;
    const decisions = await this.db<DecisionRow>('remediation_decisions')
      .where({ request_id: id })
      .orderBy('id', 'asc');
    return fromRows(row, decisions);
  }

  async list(filter: {
    incidentId?: string;
    opportunityId?: string;
    state?: RemediationState[];
    limit: number;
  }): Promise<RemediationRequest[]> {
    const rows: RequestRow[] = await this.db<RequestRow>('remediation_requests')
      .modify(query => {
        if (filter.incidentId) query.where('incident_id', filter.incidentId);
        if (filter.opportunityId) {
          query.where('opportunity_id', filter.opportunityId);
        }
        if (filter.state?.length) query.whereIn('state', filter.state);
      })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit);
    if (rows.length === 0) return [];
    const decisions = await this.db<DecisionRow>('remediation_decisions')
      .whereIn(
        'request_id',
        rows.map(r => r.id),
      )
      .orderBy('id', 'asc');
    return rows.map(row =>
      fromRows(
        row,
        decisions.filter(d => d.request_id === row.id),
      ),
    );
  }

  async transition(
    id: string,
    from: RemediationState[],
    patch: RemediationPatch,
    at: Date,
  ): Promise<boolean> {
    const update: Record<string, unknown> = { updated_at: at };
    if (patch.state) update.state = patch.state;
    if (patch.policy) update.policy = JSON.stringify(patch.policy);
    if (patch.dryRun) update.dry_run = JSON.stringify(patch.dryRun);
    if (patch.outcome) update.outcome = JSON.stringify(patch.outcome);
    if (patch.approvalExpiresAt) {
      update.approval_expires_at = patch.approvalExpiresAt;
    }
    const count = await this.db('remediation_requests')
      .where({ id })
      .whereIn('state', from)
      .update(update);
    return count === 1;
  }

  async listExpiredApprovals(now: Date, limit: number): Promise<string[]> {
    const rows: Array<Pick<RequestRow, 'id'>> = await this.db<RequestRow>(
      'remediation_requests',
    )
      .where({ state: 'awaiting-approval' })
      .where('approval_expires_at', '<=', now)
      .orderBy([
        { column: 'approval_expires_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }

  async addDecision(
    requestId: string,
    decision: Omit<RemediationDecision, 'createdAt'>,
    at: Date,
  ): Promise<void> {
    await this.db('remediation_decisions').insert({
      request_id: requestId,
      actor: decision.actor,
      decision: decision.decision,
      via: decision.via,
      comment: decision.comment ?? null,
      created_at: at,
    });
  }
}
