import crypto from 'node:crypto';
import {
  ActionDelivery,
  ActionKind,
  DeliveryEvent,
  DeliveryStatus,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import {
  ClaimedDelivery,
  conversationOf,
  DeliveryFailure,
  DeliveryFilter,
  DeliveryPayload,
  NewDelivery,
  OutboxStore,
} from './OutboxStore';
import { parseJson, toIso, toOptionalIso } from './rows';

type Timestamp = Date | string | number;

type OutboxRow = {
  seq?: number | string;
  id: string;
  incident_id: string | null;
  kind: string;
  channel: string;
  target: string | null;
  event: string;
  conversation: string;
  idempotency_key: string;
  payload: string;
  status: string;
  attempts: number;
  total_attempts: number;
  max_attempts: number;
  next_attempt_at: Timestamp | null;
  lease_until: Timestamp | null;
  last_error: string | null;
  result: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: Timestamp | null;
};

/** A stored delivery with what only the worker sees. */
type StoredDelivery = ActionDelivery &
  Pick<ClaimedDelivery, 'payload' | 'conversation'>;

function fromRow(row: OutboxRow): StoredDelivery {
  return {
    id: row.id,
    incidentId: row.incident_id ?? undefined,
    kind: row.kind as ActionKind,
    channel: row.channel,
    target: row.target ?? undefined,
    event: row.event as DeliveryEvent,
    idempotencyKey: row.idempotency_key,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    nextAttemptAt:
      row.status === 'pending' ? toOptionalIso(row.next_attempt_at) : undefined,
    lastError: row.last_error ?? undefined,
    result: parseJson(row.result, {}),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    deliveredAt: toOptionalIso(row.delivered_at),
    payload: parseJson<DeliveryPayload>(row.payload, {}),
    conversation: row.conversation,
  };
}

/** The API view: without the internal payload and conversation. */
function toDelivery(stored: StoredDelivery): ActionDelivery {
  const {
    payload: _payload,
    conversation: _conversation,
    ...delivery
  } = stored;
  return delivery;
}

/** The knex implementation of {@link OutboxStore}. */
export class DatabaseOutboxStore implements OutboxStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async enqueue(
    deliveries: NewDelivery[],
    at: Date,
  ): Promise<ActionDelivery[]> {
    if (deliveries.length === 0) return [];
    const rows: OutboxRow[] = deliveries.map(d => {
      const id = crypto.randomUUID();
      return {
        id,
        incident_id: d.incidentId ?? null,
        kind: d.kind,
        channel: d.channel,
        target: d.target ?? null,
        event: d.event,
        conversation: conversationOf(d),
        idempotency_key: `cloudops-${id}`,
        payload: JSON.stringify(d.payload),
        status: 'pending',
        attempts: 0,
        total_attempts: 0,
        max_attempts: d.maxAttempts,
        next_attempt_at: at,
        lease_until: null,
        last_error: null,
        result: '{}',
        created_at: at,
        updated_at: at,
        delivered_at: null,
      };
    });
    await this.db('action_outbox').insert(rows);
    return rows.map(row => toDelivery(fromRow(row)));
  }

  async claimDue(options: {
    now: Date;
    leaseMs: number;
    remediationLeaseMs?: number;
    limit: number;
    excludeChannels?: string[];
    room?: (channel: string) => number;
  }): Promise<ClaimedDelivery[]> {
    const { now, leaseMs, limit } = options;
    const due = (query: Knex.QueryBuilder) =>
      query
        .where(q =>
          q.where({ status: 'pending' }).andWhere('next_attempt_at', '<=', now),
        )
        .orWhere(q =>
          q.where({ status: 'delivering' }).andWhere('lease_until', '<', now),
        );
    const candidates: OutboxRow[] = await this.db<OutboxRow>(
      'action_outbox as o',
    )
      .where(due)
      .modify(query => {
        if (options.excludeChannels?.length) {
          query.whereNotIn('o.channel', options.excludeChannels);
        }
      })
      // Nothing earlier in the same conversation is still outstanding.
      .whereNotExists(
        this.db('action_outbox as e')
          .whereRaw('e.conversation = o.conversation')
          .andWhereRaw('e.seq < o.seq')
          .whereIn('e.status', ['pending', 'delivering']),
      )
      .orderBy('o.seq', 'asc')
      .limit(options.room ? limit * 4 : limit)
      .select('o.*');

    const claimed: ClaimedDelivery[] = [];
    const taken = new Map<string, number>();
    for (const row of candidates) {
      if (claimed.length >= limit) break;
      const n = taken.get(row.channel) ?? 0;
      if (options.room && n >= options.room(row.channel)) continue;
      // No attempt left after one that never finished: claimed (attempts
      // unchanged) for the worker to record as a dead letter.
      const abandoned =
        row.status === 'delivering' && row.attempts >= row.max_attempts;
      const update = {
        status: 'delivering',
        attempts: abandoned ? row.attempts : row.attempts + 1,
        total_attempts: Number(row.total_attempts) + (abandoned ? 0 : 1),
        lease_until: new Date(
          now.getTime() +
            (row.kind === 'remediate' && !abandoned
              ? options.remediationLeaseMs ?? leaseMs
              : leaseMs),
        ),
        updated_at: now,
      };
      const count = await this.db('action_outbox')
        .where({ id: row.id, status: row.status, attempts: row.attempts })
        // An abandoned row keeps its attempts: its lease tells claimers apart.
        .modify(query => {
          if (abandoned) query.where('lease_until', '<', now);
        })
        .update(update);
      if (count === 1) {
        claimed.push({
          ...fromRow({ ...row, ...update } as OutboxRow),
          leaseUntil: update.lease_until,
          redelivery: update.total_attempts > 1,
          ...(abandoned ? { abandoned: true } : {}),
        });
        taken.set(row.channel, n + 1);
      }
    }
    return claimed;
  }

  async nextDueAt(): Promise<Date | undefined> {
    const [row] = await this.db('action_outbox')
      .where({ status: 'pending' })
      .min({ at: 'next_attempt_at' });
    const lease = await this.db('action_outbox')
      .where({ status: 'delivering' })
      .min({ at: 'lease_until' });
    const times = [row?.at, lease[0]?.at]
      .filter(v => v !== null && v !== undefined)
      .map(v => new Date(toIso(v)).getTime());
    return times.length ? new Date(Math.min(...times)) : undefined;
  }

  async markDelivered(
    id: string,
    attempt: number,
    result: Record<string, unknown>,
    at: Date,
  ): Promise<boolean> {
    const count = await this.db('action_outbox')
      .where({ id, status: 'delivering', attempts: attempt })
      .update({
        status: 'delivered',
        result: JSON.stringify(result),
        lease_until: null,
        last_error: null,
        delivered_at: at,
        updated_at: at,
      });
    return count === 1;
  }

  async markFailed(
    id: string,
    attempt: number,
    failure: DeliveryFailure,
    at: Date,
  ): Promise<boolean> {
    const count = await this.db('action_outbox')
      .where({ id, status: 'delivering', attempts: attempt })
      .update({
        status: 'dead' in failure ? 'dead' : 'pending',
        next_attempt_at: 'dead' in failure ? null : failure.retryAt,
        lease_until: null,
        last_error: failure.error.slice(0, 4000),
        updated_at: at,
      });
    return count === 1;
  }

  async release(
    id: string,
    attempt: number,
    leaseUntil: Date,
    at: Date,
  ): Promise<boolean> {
    const count = await this.db('action_outbox')
      // Any later claim, an abandoned one too, set another lease.
      .where({
        id,
        status: 'delivering',
        attempts: attempt,
        lease_until: leaseUntil,
      })
      .update({
        status: 'pending',
        attempts: attempt - 1,
        total_attempts: this.db.raw('total_attempts - 1'),
        next_attempt_at: at,
        lease_until: null,
        updated_at: at,
      });
    return count === 1;
  }

  async retry(id: string, at: Date): Promise<ActionDelivery | undefined> {
    await this.db('action_outbox').where({ id, status: 'dead' }).update({
      status: 'pending',
      // total_attempts stays: its next attempt is a redelivery.
      attempts: 0,
      next_attempt_at: at,
      updated_at: at,
    });
    return this.get(id);
  }

  async get(id: string): Promise<ActionDelivery | undefined> {
    const row = await this.db<OutboxRow>('action_outbox').where({ id }).first();
    return row && toDelivery(fromRow(row));
  }

  async list(filter: DeliveryFilter): Promise<ActionDelivery[]> {
    let before: OutboxRow | undefined;
    if (filter.beforeId) {
      before = await this.db<OutboxRow>('action_outbox')
        .where({ id: filter.beforeId })
        .first();
      if (!before) return [];
    }
    const rows: OutboxRow[] = await this.db<OutboxRow>('action_outbox')
      .modify(query => {
        if (filter.incidentId) query.where('incident_id', filter.incidentId);
        if (filter.status?.length) query.whereIn('status', filter.status);
        if (filter.channel) query.where('channel', filter.channel);
        if (before) query.where('seq', '<', before.seq!);
      })
      .orderBy('seq', 'desc')
      .limit(filter.limit);
    return rows.map(row => toDelivery(fromRow(row)));
  }

  async thread(conversation: string): Promise<Record<string, unknown>> {
    const rows: Array<{ result: string }> = await this.db('action_outbox')
      .where({ conversation, status: 'delivered' })
      .orderBy('seq', 'asc')
      .select('result');
    return Object.assign({}, ...rows.map(r => parseJson(r.result, {})));
  }
}
