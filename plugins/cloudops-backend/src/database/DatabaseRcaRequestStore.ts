import { Knex } from 'knex';
import { isUniqueViolation } from './isUniqueViolation';
import { ClaimedRcaRequest, RcaRequestStore } from './RcaRequestStore';
import { toIso } from './rows';

type RequestRow = {
  incident_id: string;
  version: number;
  first_requested_at: Date | string | number;
  due_at: Date | string | number;
  claimed_by: string | null;
  claimed_until: Date | string | number | null;
  attempts: number;
};

/** The knex implementation of {@link RcaRequestStore}. */
export class DatabaseRcaRequestStore implements RcaRequestStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async request(
    incidentId: string,
    options: { now: Date; debounceMs: number; maxDelayMs: number },
  ): Promise<void> {
    const due = new Date(options.now.getTime() + options.debounceMs);
    // A concurrent request (another replica) changes the row: read it again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await this.db<RequestRow>('rca_requests')
        .where({ incident_id: incidentId })
        .first();
      if (row) {
        // A request while a run is under way starts a new debounce window:
        // that run may not have seen what this request is about.
        const running =
          row.claimed_until !== null &&
          Date.parse(toIso(row.claimed_until)) > options.now.getTime();
        const first = running
          ? options.now
          : new Date(toIso(row.first_requested_at));
        const latest = new Date(first.getTime() + options.maxDelayMs);
        const updated = await this.db('rca_requests')
          .where({ incident_id: incidentId, version: row.version })
          .update({
            version: row.version + 1,
            first_requested_at: first,
            due_at: due < latest ? due : latest,
          });
        if (updated === 1) return;
        continue;
      }
      try {
        await this.db('rca_requests').insert({
          incident_id: incidentId,
          version: 1,
          first_requested_at: options.now,
          due_at: due,
          attempts: 0,
        });
        return;
      } catch (error) {
        // Another replica asked first: push its request back instead.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }

  async claimDue(options: {
    now: Date;
    owner: string;
    leaseMs: number;
    limit: number;
  }): Promise<ClaimedRcaRequest[]> {
    const free = (query: Knex.QueryBuilder) =>
      query
        .where('due_at', '<=', options.now)
        .where(q =>
          q
            .whereNull('claimed_until')
            .orWhere('claimed_until', '<', options.now),
        );
    const rows: RequestRow[] = await free(this.db('rca_requests'))
      .orderBy('due_at', 'asc')
      .limit(options.limit);
    const claimed: ClaimedRcaRequest[] = [];
    for (const row of rows) {
      const count = await free(
        this.db('rca_requests').where({
          incident_id: row.incident_id,
          version: row.version,
        }),
      ).update({
        claimed_by: options.owner,
        claimed_until: new Date(options.now.getTime() + options.leaseMs),
        attempts: row.attempts + 1,
      });
      if (count === 1) {
        claimed.push({
          incidentId: row.incident_id,
          version: row.version,
          attempts: row.attempts + 1,
        });
      }
    }
    return claimed;
  }

  async finish(request: ClaimedRcaRequest, owner: string): Promise<void> {
    const removed = await this.db('rca_requests')
      .where({
        incident_id: request.incidentId,
        version: request.version,
        claimed_by: owner,
      })
      .delete();
    if (removed === 0) {
      await this.db('rca_requests')
        .where({ incident_id: request.incidentId, claimed_by: owner })
        .update({ claimed_by: null, claimed_until: null, attempts: 0 });
    }
  }

  async release(
    request: ClaimedRcaRequest,
    owner: string,
    retryAt: Date,
  ): Promise<void> {
    await this.db('rca_requests')
      .where({ incident_id: request.incidentId, claimed_by: owner })
      .update({ claimed_by: null, claimed_until: null, due_at: retryAt });
  }

  async nextDue(): Promise<Date | undefined> {
    const row = await this.db('rca_requests').min({ due: 'due_at' }).first();
    return row?.due ? new Date(toIso(row.due)) : undefined;
  }
}
