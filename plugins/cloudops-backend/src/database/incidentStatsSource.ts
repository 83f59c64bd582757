import { Knex } from 'knex';
import { DAY_MS, optionalDimensionColumns } from './IncidentDailyCounts';
import { IncidentFilter } from './IncidentStore';
import { timeArithmetic } from './timeArithmetic';
import { whereDimensions } from './whereDimensions';

/**
 * The rows statistics aggregate, one per incident or per daily-count cell:
 * `bucket`, the dimensions (`severity`, `state`, `entity_ref`,
 * `candidate_entity_ref`, `system_ref`, `owner_ref`, `account`, null when
 * none), `n` incidents, `ack_sum`/`res_sum` seconds to acknowledge/resolve
 * over `ack_n`/`res_n` of them.
 */
export type StatsSource = Knex.QueryBuilder;

/**
 * Where statistics come from. Whole UTC days of the window come from
 * `incident_daily_counts` when the buckets are whole days and no filter needs
 * the incidents themselves (text); the partial days at the window's edges,
 * and everything otherwise, come from the incidents. Both give the same
 * answer; the first reads a few rows per day instead of every incident.
 */
export function statsSource(
  db: Knex | Knex.Transaction,
  filter: IncidentFilter,
  bucketSeconds: number,
  incidents: (filter: IncidentFilter) => Knex.QueryBuilder,
): StatsSource {
  const time = timeArithmetic(db);
  const perIncident = (part: IncidentFilter) =>
    incidents(part).select(
      db.raw(`${time.bucket('created_at', bucketSeconds)} as bucket`),
      'severity',
      'state',
      ...optionalDimensionColumns,
      db.raw('1 as n'),
      db.raw(
        `${time.secondsBetween('created_at', 'acknowledged_at')} as ack_sum`,
      ),
      db.raw('case when acknowledged_at is null then 0 else 1 end as ack_n'),
      db.raw(`${time.secondsBetween('created_at', 'resolved_at')} as res_sum`),
      db.raw('case when resolved_at is null then 0 else 1 end as res_n'),
    );

  const days = wholeDays(filter, bucketSeconds);
  if (!days) {
    return db.from(perIncident(filter).as('s'));
  }
  const parts = [dailyCounts(db, filter, days, bucketSeconds / 86400)];
  if (filter.from && filter.from.getTime() < days.from * DAY_MS) {
    parts.push(perIncident({ ...filter, to: new Date(days.from * DAY_MS) }));
  }
  if (
    filter.to &&
    days.to !== undefined &&
    filter.to.getTime() > days.to * DAY_MS
  ) {
    parts.push(perIncident({ ...filter, from: new Date(days.to * DAY_MS) }));
  }
  const [first, ...rest] = parts;
  return db.from((rest.length ? first.unionAll(rest, false) : first).as('s'));
}

/** The whole days the daily counts can answer, or undefined. */
function wholeDays(
  filter: IncidentFilter,
  bucketSeconds: number,
): { from: number; to?: number } | undefined {
  if (filter.text || bucketSeconds % 86400 !== 0) {
    return undefined;
  }
  const from = filter.from ? Math.ceil(filter.from.getTime() / DAY_MS) : 0;
  const to = filter.to ? Math.floor(filter.to.getTime() / DAY_MS) : undefined;
  return to !== undefined && to <= from ? undefined : { from, to };
}

function dailyCounts(
  db: Knex | Knex.Transaction,
  filter: IncidentFilter,
  days: { from: number; to?: number },
  daysPerBucket: number,
): Knex.QueryBuilder {
  return db('incident_daily_counts')
    .select(
      db.raw(`day / ${daysPerBucket} as bucket`),
      'severity',
      'state',
      ...optionalDimensionColumns.map(column =>
        db.raw(`nullif(${column}, '') as ${column}`),
      ),
      'n',
      db.raw('ack_ms / 1000.0 as ack_sum'),
      'ack_n',
      db.raw('res_ms / 1000.0 as res_sum'),
      'res_n',
    )
    .where('n', '>', 0)
    .where('day', '>=', days.from)
    .modify(query => {
      if (days.to !== undefined) query.where('day', '<', days.to);
      whereDimensions(query, filter);
    });
}
