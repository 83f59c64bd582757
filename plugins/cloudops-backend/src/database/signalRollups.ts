import { Knex } from 'knex';
import { MetricPoint, StoredSignal } from './SignalStore';
import { parseJson } from './rows';
import { chunks } from './chunks';
import { timeArithmetic } from './timeArithmetic';
import { runsInProcess } from './runsInProcess';
import { compareText } from '../text/compareText';

/** Width of a rollup bucket (the migration that made the table uses the same). */
export const ROLLUP_BUCKET_MS = 15_000;
/** Rows per upsert statement: 8 columns each. */
const CHUNK = 500;

type RollupRow = {
  bucket_at: number;
  fingerprint: string;
  /** '' for unlinked datapoints (a key column: NULLs would never conflict). */
  entity_ref: string;
  name: string;
  labels: string;
  total: number;
  count: number;
  first_at: number;
};

/** A point read back: sums over the buckets of one step (PostgreSQL sends bigints as text). */
type RolledUpRow = Pick<
  RollupRow,
  'fingerprint' | 'entity_ref' | 'name' | 'labels'
> & {
  observed_at: number | string;
  total: number | string;
  count: number | string;
};

/**
 * Adds newly stored metric datapoints to their series' 15-second buckets
 * (call it in the transaction that stored them, with each datapoint once).
 * Rows are written in key order, so concurrent writers lock them in the
 * same order.
 */
export async function addToRollups(
  db: Knex | Knex.Transaction,
  signals: StoredSignal[],
): Promise<void> {
  const rows = new Map<string, RollupRow>();
  for (const signal of signals) {
    if (signal.kind !== 'metric' || signal.value === undefined) continue;
    const at = Date.parse(signal.timestamp);
    const bucket = Math.floor(at / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
    const entityRef = signal.entityRef ?? '';
    const key = [bucket, signal.fingerprint, entityRef].join('\u0000');
    const row = rows.get(key);
    if (row) {
      row.total += signal.value;
      row.count += 1;
      row.first_at = Math.min(row.first_at, at);
    } else {
      rows.set(key, {
        bucket_at: bucket,
        fingerprint: signal.fingerprint,
        entity_ref: entityRef,
        name: signal.name,
        labels: JSON.stringify(signal.labels),
        total: signal.value,
        count: 1,
        first_at: at,
      });
    }
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.bucket_at - b.bucket_at ||
      compareText(a.fingerprint, b.fingerprint) ||
      compareText(a.entity_ref, b.entity_ref),
  );
  const earliest = timeArithmetic(db).earliest('??', '??');
  for (const part of chunks(sorted, CHUNK)) {
    await db('signal_rollups')
      .insert(part)
      .onConflict(['bucket_at', 'fingerprint', 'entity_ref'])
      .merge({
        total: db.raw('?? + ??', ['signal_rollups.total', 'excluded.total']),
        count: db.raw('?? + ??', ['signal_rollups.count', 'excluded.count']),
        first_at: db.raw(earliest, [
          'signal_rollups.first_at',
          'excluded.first_at',
        ]),
      });
  }
}

/**
 * A step of one bucket is the buckets themselves, one row per point. On
 * SQLite, ordering them in the query takes a temporary B-tree on the
 * thread; sorting them here is about three times cheaper. Undefined when
 * there are more than `limit`: which to keep is then the query's to say.
 */
async function bucketsInOrder(
  window: Knex.QueryBuilder,
  limit: number,
): Promise<RolledUpRow[] | undefined> {
  const rows = (await window
    .select('fingerprint', 'entity_ref', 'name', 'labels', 'total', 'count')
    .select({ observed_at: 'first_at' })
    .limit(limit + 1)) as RolledUpRow[];
  if (rows.length > limit) return undefined;
  return rows.sort(
    (a, b) =>
      compareText(a.fingerprint, b.fingerprint) ||
      compareText(a.entity_ref, b.entity_ref) ||
      compareText(a.name, b.name) ||
      Number(a.observed_at) - Number(b.observed_at),
  );
}

/** The buckets summed per step, ordered and cut at `limit` by the query. */
async function stepsInOrder(
  window: Knex.QueryBuilder,
  options: { stepMs: number; limit: number },
): Promise<RolledUpRow[]> {
  return (await window
    .select('fingerprint', 'entity_ref', 'name')
    .max({ labels: 'labels' })
    .min({ observed_at: 'first_at' })
    .sum({ total: 'total' })
    .sum({ count: 'count' })
    .groupBy('fingerprint', 'entity_ref', 'name')
    .groupByRaw(`bucket_at / ${Math.round(options.stepMs)}`)
    .orderBy([
      'fingerprint',
      'entity_ref',
      'name',
      { column: 'observed_at', order: 'asc' },
    ])
    .limit(options.limit)) as RolledUpRow[];
}

/**
 * The metric series of these entities from the rollups: one point per
 * `stepMs` (a multiple of the rollup bucket) with data, the mean of its
 * datapoints at the time of the first of them. The window is widened to
 * whole rollup buckets. Same order and limit as
 * `SignalStore.listMetricSeries`.
 */
export async function listRolledUpSeries(
  db: Knex | Knex.Transaction,
  entityRefs: string[],
  options: { from: Date; to: Date; stepMs: number; limit: number },
): Promise<MetricPoint[]> {
  const from =
    Math.floor(options.from.getTime() / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
  const window = db('signal_rollups')
    .whereIn('entity_ref', entityRefs)
    .where('bucket_at', '>=', from)
    .where('bucket_at', '<', options.to.getTime());
  const rows =
    (options.stepMs === ROLLUP_BUCKET_MS && runsInProcess(db)
      ? await bucketsInOrder(window.clone(), options.limit)
      : undefined) ?? (await stepsInOrder(window, options));
  // A series' points share its labels: parsed once per series.
  const labels = new Map<string, Record<string, string>>();
  const labelsOf = (text: string) => {
    let parsed = labels.get(text);
    if (!parsed) {
      parsed = parseJson<Record<string, string>>(text, {});
      labels.set(text, parsed);
    }
    return parsed;
  };
  return rows.map(row => ({
    fingerprint: row.fingerprint,
    entityRef: row.entity_ref || undefined,
    name: row.name,
    labels: labelsOf(row.labels),
    timestamp: new Date(Number(row.observed_at)).toISOString(),
    value: Number(row.total) / Number(row.count),
  }));
}
