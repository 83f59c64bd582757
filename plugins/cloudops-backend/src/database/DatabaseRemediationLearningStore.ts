import { Knex } from 'knex';
import {
  RemediationAction,
  LearningDecision,
  LearnedOutcome,
  RunbookStats,
  RemediationLearningStore,
} from './RemediationLearningStore';
import { toIso, toOptionalIso } from './rows';

type ActionRow = {
  id: number | string;
  incident_id: string;
  runbook_id: string;
  actor: string;
  signature_key: string;
  outcome: string;
  reason: string | null;
  recorded_at: Date | string | number;
  decided_at: Date | string | number | null;
};

function fromRow(row: ActionRow): RemediationAction {
  return {
    id: String(row.id),
    incidentId: row.incident_id,
    runbookId: row.runbook_id,
    actor: row.actor,
    signatureKey: row.signature_key,
    outcome: row.outcome as LearnedOutcome,
    reason: row.reason ?? undefined,
    recordedAt: toIso(row.recorded_at),
    decidedAt: toOptionalIso(row.decided_at),
  };
}

/** The knex implementation of {@link RemediationLearningStore}. */
export class DatabaseRemediationLearningStore
  implements RemediationLearningStore
{
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async recordAction(action: {
    incidentId: string;
    runbookId: string;
    actor: string;
    signatureKey: string;
    recordedAt: Date;
  }): Promise<RemediationAction> {
    const [row] = await this.db<ActionRow>('remediation_actions')
      .insert({
        incident_id: action.incidentId,
        runbook_id: action.runbookId,
        actor: action.actor,
        signature_key: action.signatureKey,
        outcome: 'pending',
        recorded_at: action.recordedAt,
      })
      .returning('*');
    return fromRow(row);
  }

  async getAction(id: string): Promise<RemediationAction | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    const row = await this.db<ActionRow>('remediation_actions')
      .where({ id })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async listActions(incidentId: string): Promise<RemediationAction[]> {
    const rows = await this.db<ActionRow>('remediation_actions')
      .where({ incident_id: incidentId })
      .orderBy('id', 'asc');
    return rows.map(fromRow);
  }

  async decide(id: string, change: LearningDecision): Promise<boolean> {
    const action = await this.getAction(id);
    if (!action) return false;
    const updated = await this.db('remediation_actions')
      .where({ id, outcome: change.from })
      .update({
        outcome: change.to,
        reason: change.reason ?? null,
        decided_at: change.at,
      });
    if (updated !== 1) return false;
    const { successes, failures } = change.delta;
    if (successes === 0 && failures === 0) return true;
    const key = {
      signature_key: action.signatureKey,
      runbook_id: action.runbookId,
    };
    const changed = await this.db('remediation_stats')
      .where(key)
      .update({
        successes: this.db.raw('successes + ?', [successes]),
        failures: this.db.raw('failures + ?', [failures]),
        updated_at: change.at,
      });
    if (changed === 0) {
      await this.db('remediation_stats').insert({
        ...key,
        successes: Math.max(0, successes),
        failures: Math.max(0, failures),
        updated_at: change.at,
      });
    }
    return true;
  }

  async getStats(signatureKey: string): Promise<RunbookStats[]> {
    const rows = await this.db('remediation_stats').where({
      signature_key: signatureKey,
    });
    return rows.map(row => ({
      runbookId: row.runbook_id,
      successes: Number(row.successes),
      failures: Number(row.failures),
    }));
  }

  async listIncidentsToReconcile(limit: number): Promise<string[]> {
    const rows = await this.db('remediation_actions as a')
      .join('incidents as i', 'i.id', 'a.incident_id')
      .where(q =>
        q
          .where(p =>
            p.where('a.outcome', 'pending').where('i.state', 'resolved'),
          )
          .orWhere(p =>
            p.where('a.outcome', 'succeeded').whereNot('i.state', 'resolved'),
          ),
      )
      .distinct('a.incident_id')
      .limit(limit);
    return rows.map(row => row.incident_id as string);
  }
}
