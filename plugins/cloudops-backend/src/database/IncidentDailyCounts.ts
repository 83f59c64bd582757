import { Knex } from 'knex';

type Timestamp = Date | string | number;

/** The incident columns the daily counts are made of. */
export interface CountedIncidentRow {
  severity: string;
  state: string;
  entity_ref: string | null;
  candidate_entity_ref: string | null;
  system_ref: string | null;
  owner_ref: string | null;
  account: string | null;
  created_at: Timestamp;
  acknowledged_at: Timestamp | null;
  resolved_at: Timestamp | null;
}

/** Dimensions that may be null in `incidents` ('' in the daily counts). */
export const optionalDimensionColumns = [
  'entity_ref',
  'candidate_entity_ref',
  'system_ref',
  'owner_ref',
  'account',
] as const;

/** The dimensions statistics filter and group by, the same in both tables. */
const dimensionColumns = [
  'severity',
  'state',
  ...optionalDimensionColumns,
] as const;

/** The columns to read from `incidents` to count an incident. */
export const countedIncidentColumns: Array<keyof CountedIncidentRow> = [
  ...dimensionColumns,
  'created_at',
  'acknowledged_at',
  'resolved_at',
];

/** The key of `incident_daily_counts`, in its order. */
export const dailyCountKeyColumns = ['day', ...dimensionColumns] as const;

const valueColumns = ['n', 'ack_n', 'ack_ms', 'res_n', 'res_ms'] as const;

type Key = Record<(typeof dailyCountKeyColumns)[number], string | number>;
type Values = Record<(typeof valueColumns)[number], number>;

export const DAY_MS = 86_400_000;

/** PostgreSQL returns Date; SQLite returns epoch milliseconds. */
function millis(value: Timestamp): number {
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

/**
 * The changes one transaction makes to `incident_daily_counts`: every
 * incident it creates or changes is taken out of its old cell and added to
 * its new one, in memory, and the net change of each cell is written with one
 * batched upsert just before the transaction commits (in key order, so that
 * concurrent transactions lock cells in the same order).
 */
export class IncidentDailyCounts {
  private readonly cells = new Map<string, { key: Key; values: Values }>();

  /** Counts an incident (`sign` 1) or takes it out of the counts (-1). */
  add(row: CountedIncidentRow, sign: 1 | -1): void {
    const created = millis(row.created_at);
    const key: Key = {
      day: Math.floor(created / DAY_MS),
      severity: row.severity,
      state: row.state,
      entity_ref: row.entity_ref ?? '',
      candidate_entity_ref: row.candidate_entity_ref ?? '',
      system_ref: row.system_ref ?? '',
      owner_ref: row.owner_ref ?? '',
      account: row.account ?? '',
    };
    const id = JSON.stringify(dailyCountKeyColumns.map(column => key[column]));
    let cell = this.cells.get(id);
    if (!cell) {
      cell = {
        key,
        values: { n: 0, ack_n: 0, ack_ms: 0, res_n: 0, res_ms: 0 },
      };
      this.cells.set(id, cell);
    }
    const { values } = cell;
    values.n += sign;
    if (row.acknowledged_at !== null) {
      values.ack_n += sign;
      values.ack_ms += sign * (millis(row.acknowledged_at) - created);
    }
    if (row.resolved_at !== null) {
      values.res_n += sign;
      values.res_ms += sign * (millis(row.resolved_at) - created);
    }
  }

  /** Moves an incident from the cell of `before` to the cell of `after`. */
  move(before: CountedIncidentRow, after: CountedIncidentRow): void {
    this.add(before, -1);
    this.add(after, 1);
  }

  /** Writes the net changes (in the caller's transaction) and forgets them. */
  async flush(db: Knex | Knex.Transaction): Promise<void> {
    const rows = [...this.cells]
      .filter(([, { values }]) => valueColumns.some(c => values[c] !== 0))
      .sort(([a], [b]) => Number(a > b) - Number(a < b))
      .map(([, { key, values }]) => ({ ...key, ...values }));
    this.cells.clear();
    const batch = 500; // 13 columns: well inside SQLite's variable limit
    for (let i = 0; i < rows.length; i += batch) {
      await db('incident_daily_counts')
        .insert(rows.slice(i, i + batch))
        .onConflict([...dailyCountKeyColumns])
        .merge(
          Object.fromEntries(
            valueColumns.map(column => [
              column,
              db.raw('?? + ??', [
                `incident_daily_counts.${column}`,
                `excluded.${column}`,
              ]),
            ]),
          ),
        );
    }
  }
}
