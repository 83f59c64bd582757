import { Knex } from 'knex';
import { AuditEntry, AuditStore } from './AuditStore';
import { fitColumn } from './fitColumn';
import { parseJson, toIso } from './rows';

type AuditRow = {
  id: number | string;
  action: string;
  actor: string;
  target: string | null;
  outcome: string;
  meta: string;
  created_at: Date | string | number;
};

/** The widths of the table's text columns (see the incident core migration). */
const WIDTH = { action: 64, actor: 255, target: 255 };

/**
 * The knex implementation of {@link AuditStore}. Values longer than their
 * column (a path id of 300 characters that a request named) are cut to fit
 * and marked: the entry is kept rather than refused.
 */
export class DatabaseAuditStore implements AuditStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async append(
    entry: Omit<AuditEntry, 'id' | 'createdAt'>,
    at: Date,
  ): Promise<void> {
    await this.db('audit_events').insert({
      action: fitColumn(entry.action, WIDTH.action),
      actor: fitColumn(entry.actor, WIDTH.actor),
      target:
        entry.target === undefined
          ? null
          : fitColumn(entry.target, WIDTH.target),
      outcome: entry.outcome,
      meta: JSON.stringify(entry.meta),
      created_at: at,
    });
  }

  async list(options: {
    target?: string;
    limit: number;
    beforeId?: string;
  }): Promise<AuditEntry[]> {
    const rows = await this.db<AuditRow>('audit_events')
      .modify(query => {
        if (options.target) query.where('target', options.target);
        if (options.beforeId) query.where('id', '<', Number(options.beforeId));
      })
      .orderBy('id', 'desc')
      .limit(options.limit);
    return rows.map((row: AuditRow) => ({
      id: String(row.id),
      action: row.action,
      actor: row.actor,
      target: row.target ?? undefined,
      outcome: row.outcome as AuditEntry['outcome'],
      meta: parseJson(row.meta, {}),
      createdAt: toIso(row.created_at),
    }));
  }
}
