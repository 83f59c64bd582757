import { Knex } from 'knex';
import {
  SIGNAL_KINDS,
  SignalKind,
  SignalStatus,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  MetricPoint,
  PruneRequest,
  PruneSlice,
  SeriesRef,
  SignalKey,
  SignalStore,
  StoredSignal,
} from './SignalStore';
import { timeArithmetic } from './timeArithmetic';
import {
  addToRollups,
  listRolledUpSeries,
  ROLLUP_BUCKET_MS,
} from './signalRollups';
import { parseJson, toIso } from './rows';
import { pruneOldest } from './pruneOldest';
import { chunks } from './chunks';
import { compareText } from '../text/compareText';

type SignalRow = {
  id: string;
  fingerprint: string;
  source: string;
  kind: string;
  name: string;
  status: string | null;
  value: number | null;
  account: string | null;
  region: string | null;
  resource: string | null;
  labels: string;
  message: string | null;
  entity_ref: string | null;
  observed_at: Date | string | number;
  received_at: Date | string | number;
};

/** Rows per statement: 15 columns each, well under SQLite's 32,766 parameters. */
const CHUNK = 500;

function fromRow(row: SignalRow): StoredSignal {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    source: row.source,
    kind: row.kind as StoredSignal['kind'],
    name: row.name,
    status: (row.status ?? undefined) as SignalStatus | undefined,
    value: row.value ?? undefined,
    account: row.account ?? undefined,
    region: row.region ?? undefined,
    resource: row.resource ?? undefined,
    labels: parseJson(row.labels, {}),
    message: row.message ?? undefined,
    entityRef: row.entity_ref ?? undefined,
    timestamp: toIso(row.observed_at),
  };
}

type MetricPointRow = Pick<
  SignalRow,
  'fingerprint' | 'entity_ref' | 'name' | 'labels' | 'observed_at' | 'value'
>;

/** The knex implementation of {@link SignalStore}. */
export class DatabaseSignalStore implements SignalStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insertNew(
    signals: StoredSignal[],
    receivedAt: Date,
  ): Promise<Set<string>> {
    if (!('isTransaction' in this.db && this.db.isTransaction)) {
      // The signals and their rollups are written together or not at all.
      return this.db.transaction(trx =>
        new DatabaseSignalStore(trx).insertNew(signals, receivedAt),
      );
    }
    // In key order, so concurrent writers of overlapping batches wait on
    // each other in the same order (and rows append in time order).
    // Timestamps are ISO strings (normalizeSignal), so they sort as text.
    const unique = [...new Map(signals.map(s => [s.id, s])).values()].sort(
      (a, b) =>
        compareText(a.timestamp, b.timestamp) || compareText(a.id, b.id),
    );
    const fresh = new Set<string>();
    for (const part of chunks(unique, CHUNK)) {
      const rows: SignalRow[] = part.map(s => ({
        id: s.id,
        fingerprint: s.fingerprint,
        source: s.source,
        kind: s.kind,
        name: s.name,
        status: s.status ?? null,
        value: s.value ?? null,
        account: s.account ?? null,
        region: s.region ?? null,
        resource: s.resource ?? null,
        labels: JSON.stringify(s.labels),
        message: s.message ?? null,
        entity_ref: s.entityRef ?? null,
        observed_at: new Date(s.timestamp),
        received_at: receivedAt,
      }));
      const inserted: Array<{ id: string }> = await this.db('signals')
        .insert(rows)
        .onConflict(['observed_at', 'id'])
        .ignore()
        .returning('id');
      inserted.forEach(row => fresh.add(row.id));
    }
    await addToRollups(
      this.db,
      unique.filter(s => fresh.has(s.id)),
    );
    return fresh;
  }

  async linkToIncident(
    signals: SignalKey[],
    incidentId: string,
  ): Promise<void> {
    for (const part of chunks(signals, CHUNK)) {
      await this.db('incident_signals')
        .insert(
          part.map(s => ({
            incident_id: incidentId,
            observed_at: new Date(s.timestamp),
            fingerprint: s.fingerprint,
            signal_id: s.id,
          })),
        )
        .onConflict(['incident_id', 'observed_at', 'fingerprint', 'signal_id'])
        .ignore();
    }
  }

  async listForIncident(
    incidentId: string,
    limit: number,
  ): Promise<StoredSignal[]> {
    const rows = await this.db<SignalRow>('incident_signals as l')
      .join('signals as s', join =>
        join.on('s.observed_at', 'l.observed_at').andOn('s.id', 'l.signal_id'),
      )
      .where('l.incident_id', incidentId)
      .select('s.*')
      .orderBy('l.observed_at', 'asc')
      .limit(limit);
    return rows.map(fromRow);
  }

  async listForEntities(
    entityRefs: string[],
    options: { kinds: SignalKind[]; from: Date; to: Date; limit: number },
  ): Promise<StoredSignal[]> {
    if (entityRefs.length === 0) return [];
    const rows = await this.db<SignalRow>('signals')
      .whereIn('entity_ref', entityRefs)
      .whereIn('kind', options.kinds)
      .where('observed_at', '>=', options.from)
      .where('observed_at', '<', options.to)
      .orderBy('observed_at', 'asc')
      .limit(options.limit);
    return rows.map(fromRow);
  }

  async listSeries(
    series: SeriesRef[],
    window: { from: Date; to: Date },
    limit: number,
  ): Promise<StoredSignal[]> {
    const fingerprints = [...new Set(series.map(s => s.fingerprint))];
    const entityRefs = [
      ...new Set(series.flatMap(s => (s.entityRef ? [s.entityRef] : []))),
    ];
    // Through the (kind, entity_ref, observed_at) index: the signals filed
    // under the entities (and, apart, the unlinked ones) in the window, then
    // those of the series asked for.
    const read = (filedUnder: (query: Knex.QueryBuilder) => void) =>
      this.db<SignalRow>('signals')
        .whereIn('kind', SIGNAL_KINDS)
        .modify(filedUnder)
        .whereIn('fingerprint', fingerprints)
        .whereBetween('observed_at', [window.from, window.to])
        .orderBy('observed_at', 'asc')
        .limit(limit);
    const parts = await Promise.all([
      entityRefs.length > 0
        ? read(query => query.whereIn('entity_ref', entityRefs))
        : [],
      series.some(s => !s.entityRef)
        ? read(query => query.whereNull('entity_ref'))
        : [],
    ]);
    return parts
      .flat()
      .map(fromRow)
      .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
      .slice(0, limit);
  }

  async listMetricSeries(
    entityRefs: string[],
    options: { from: Date; to: Date; stepMs: number; limit: number },
  ): Promise<MetricPoint[]> {
    if (entityRefs.length === 0) return [];
    if (options.stepMs >= ROLLUP_BUCKET_MS) {
      return listRolledUpSeries(this.db, entityRefs, {
        ...options,
        stepMs: Math.ceil(options.stepMs / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS,
      });
    }
    const rows: MetricPointRow[] = await this.db('signals')
      .select('fingerprint', 'entity_ref', 'name')
      .max({ labels: 'labels' })
      .min({ observed_at: 'observed_at' })
      .avg({ value: 'value' })
      .whereIn('entity_ref', entityRefs)
      .where('kind', 'metric')
      .whereNotNull('value')
      .where('observed_at', '>=', options.from)
      .where('observed_at', '<', options.to)
      .groupBy('fingerprint', 'entity_ref', 'name')
      .groupBy(
        this.db.raw(
          timeArithmetic(this.db).bucketMs('observed_at', options.stepMs),
        ),
      )
      .orderBy([
        'fingerprint',
        'entity_ref',
        'name',
        { column: 'observed_at', order: 'asc' },
      ])
      .limit(options.limit);
    return rows.map(row => ({
      fingerprint: row.fingerprint,
      entityRef: row.entity_ref ?? undefined,
      name: row.name,
      labels: parseJson(row.labels, {}),
      timestamp: toIso(row.observed_at),
      value: Number(row.value),
    }));
  }

  async pruneSignals(slice: PruneRequest): Promise<PruneSlice> {
    return pruneOldest(this.db, {
      ...slice,
      table: 'signals',
      key: ['observed_at', 'id'],
      prunable: query =>
        query.whereNotExists(
          this.db('incident_signals as l')
            .select('l.signal_id')
            .where('l.observed_at', this.db.ref('signals.observed_at'))
            .where('l.signal_id', this.db.ref('signals.id')),
        ),
    });
  }

  async pruneRollups(slice: PruneRequest): Promise<PruneSlice> {
    return pruneOldest(this.db, {
      ...slice,
      table: 'signal_rollups',
      key: ['bucket_at', 'fingerprint', 'entity_ref'],
      before: slice.before.getTime(),
    });
  }
}
