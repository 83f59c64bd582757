import { IncidentRca } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import { PastRca, RcaStore } from './RcaStore';
import { toOptionalIso } from './rows';

type RcaRow = {
  incident_id: string;
  revision: number;
  latest: boolean | number;
  trigger: string;
  basis: string;
  signature_key: string;
  result: string;
  created_at: Date | string | number;
};

/** The knex implementation of {@link RcaStore}. */
export class DatabaseRcaStore implements RcaStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async saveRca(
    rca: Omit<IncidentRca, 'revision'>,
    basis: string,
  ): Promise<IncidentRca> {
    const last = await this.db<RcaRow>('incident_rca')
      .where({ incident_id: rca.incidentId })
      .max({ revision: 'revision' })
      .first();
    const stored: IncidentRca = {
      ...rca,
      revision: Number(last?.revision ?? 0) + 1,
    };
    await this.db('incident_rca')
      .where({ incident_id: rca.incidentId, latest: true })
      .update({ latest: false });
    await this.db('incident_rca').insert({
      incident_id: rca.incidentId,
      revision: stored.revision,
      latest: true,
      trigger: rca.trigger,
      basis,
      signature_key: rca.signatureKey,
      result: JSON.stringify(stored),
      created_at: new Date(rca.createdAt),
    });
    return stored;
  }

  async getLatestRca(incidentId: string) {
    const row = await this.db<RcaRow>('incident_rca')
      .where({ incident_id: incidentId, latest: true })
      .first();
    return row
      ? { rca: JSON.parse(row.result) as IncidentRca, basis: row.basis }
      : undefined;
  }

  async listResolvedRcas(options: { limit: number }): Promise<PastRca[]> {
    const rows = await this.db('incident_rca as r')
      .join('incidents as i', 'i.id', 'r.incident_id')
      .where('r.latest', true)
      .where('i.state', 'resolved')
      .orderBy('i.resolved_at', 'desc')
      .limit(options.limit)
      .select('i.id', 'i.title', 'i.resolved_at', 'r.result');
    return rows.map(row => ({
      incidentId: row.id,
      title: row.title,
      resolvedAt: toOptionalIso(row.resolved_at),
      rca: JSON.parse(row.result) as IncidentRca,
    }));
  }

  async listIncidentsWithoutRca(since: Date, limit: number): Promise<string[]> {
    const rows = await this.db('incidents as i')
      .leftJoin('incident_rca as r', 'r.incident_id', 'i.id')
      .leftJoin('rca_requests as q', 'q.incident_id', 'i.id')
      .whereNull('r.incident_id')
      .whereNull('q.incident_id')
      .whereNot('i.state', 'resolved')
      .where('i.created_at', '>=', since)
      .orderBy('i.created_at', 'asc')
      .limit(limit)
      .select('i.id');
    return rows.map(row => row.id as string);
  }
}
