import crypto from 'node:crypto';
import {
  Incident,
  IncidentAlertKey,
  IncidentEvent,
  IncidentEventType,
  IncidentList,
  IncidentSeverity,
  IncidentState,
  IncidentStats,
  IncidentStatsGroup,
  IncidentStatsGroupCount,
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import { IncidentChange } from './IncidentChanges';
import {
  CountedIncidentRow,
  countedIncidentColumns,
  IncidentDailyCounts,
} from './IncidentDailyCounts';
import {
  IncidentEventInput,
  IncidentFilter,
  IncidentInput,
  IncidentPatch,
  IncidentStore,
  StatsOptions,
} from './IncidentStore';
import { parseJson, toIso, toOptionalIso } from './rows';
import { statsSource, StatsSource } from './incidentStatsSource';
import { whereDimensions } from './whereDimensions';
import { fitColumn } from './fitColumn';

/** The width of `incidents.title`. */
const TITLE_WIDTH = 300;

type Timestamp = Date | string | number;

type IncidentRow = {
  id: string;
  title: string;
  description: string | null;
  severity: string;
  state: string;
  entity_ref: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  dedup_key: string | null;
  rule_id: string | null;
  candidate_entity_ref: string | null;
  system_ref: string | null;
  owner_ref: string | null;
  account: string | null;
  assignee: string | null;
  labels: string;
  signal_count: number;
  last_signal_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
};

type EventRow = {
  id: number | string;
  incident_id: string;
  type: string;
  actor: string;
  message: string;
  data: string;
  created_at: Timestamp;
};

type OpenKeyRow = {
  dedup_key: string;
  incident_id: string;
  entity_ref: string | null;
  rule_id: string | null;
  severity: string;
  status: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
};

function fromRow(row: IncidentRow): Incident {
  return {
    id: row.id,
    title: row.title,
    description: row.description ?? undefined,
    severity: row.severity as IncidentSeverity,
    state: row.state as IncidentState,
    entityRef: row.entity_ref ?? undefined,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    dedupKey: row.dedup_key ?? undefined,
    ruleId: row.rule_id ?? undefined,
    candidateEntityRef: row.candidate_entity_ref ?? undefined,
    systemRef: row.system_ref ?? undefined,
    ownerRef: row.owner_ref ?? undefined,
    account: row.account ?? undefined,
    assignee: row.assignee ?? undefined,
    labels: parseJson(row.labels, {}),
    signalCount: Number(row.signal_count),
    lastSignalAt: toOptionalIso(row.last_signal_at),
    acknowledgedAt: toOptionalIso(row.acknowledged_at),
    mitigatedAt: toOptionalIso(row.mitigated_at),
    resolvedAt: toOptionalIso(row.resolved_at),
  };
}

function fromKeyRow(row: OpenKeyRow): IncidentAlertKey {
  return {
    dedupKey: row.dedup_key,
    entityRef: row.entity_ref ?? undefined,
    ruleId: row.rule_id ?? undefined,
    severity: row.severity as IncidentSeverity,
    status: row.status as IncidentAlertKey['status'],
    firstSeenAt: toIso(row.first_seen_at),
    lastSeenAt: toIso(row.last_seen_at),
  };
}

/** The patch fields that move an incident between daily-count cells. */
const countedPatchKeys: Array<keyof IncidentPatch> = [
  'state',
  'severity',
  'candidateEntityRef',
  'acknowledgedAt',
  'resolvedAt',
];

/** One (severity, state, bucket) cell of the statistics pass. */
type StatsCell = {
  severity: string;
  state: string;
  bucket: string | number;
  n: string | number;
  ack_sum: string | number | null;
  ack_n: string | number;
  res_sum: string | number | null;
  res_n: string | number;
};

const groupColumns: Record<IncidentStatsGroup, string> = {
  severity: 'severity',
  state: 'state',
  entity: 'entity_ref',
  system: 'system_ref',
  owner: 'owner_ref',
  account: 'account',
  candidate: 'candidate_entity_ref',
};

/** The knex implementation of {@link IncidentStore}: SQLite or PostgreSQL. */
export class DatabaseIncidentStore implements IncidentStore {
  /**
   * `changes`, in a transaction, collects the timeline entries it writes for
   * the incident change hooks, and `counts` the changes to the daily counts
   * that the transaction writes before it commits. A store without `counts`
   * makes each change and its counts in a transaction of its own.
   */
  constructor(
    private readonly db: Knex | Knex.Transaction,
    private readonly changes?: IncidentChange[],
    private readonly counts?: IncidentDailyCounts,
  ) {}

  /** Runs `work` with the daily counts it moves committed together. */
  private async counted<T>(
    work: (
      db: Knex | Knex.Transaction,
      counts: IncidentDailyCounts,
    ) => Promise<T>,
  ): Promise<T> {
    if (this.counts) {
      return work(this.db, this.counts);
    }
    return this.db.transaction(async trx => {
      const counts = new IncidentDailyCounts();
      const result = await work(trx, counts);
      await counts.flush(trx);
      return result;
    });
  }

  async createIncident(input: IncidentInput): Promise<Incident> {
    const now = input.createdAt ?? new Date();
    const row: IncidentRow = {
      id: crypto.randomUUID(),
      // A rule's title can render longer than the column (a long label).
      title: fitColumn(input.title, TITLE_WIDTH),
      description: input.description ?? null,
      severity: input.severity,
      state: 'open',
      entity_ref: input.entityRef ?? null,
      created_by: input.createdBy,
      created_at: now,
      updated_at: now,
      dedup_key: input.dedupKey ?? null,
      rule_id: input.ruleId ?? null,
      candidate_entity_ref: input.candidateEntityRef ?? null,
      system_ref: input.systemRef ?? null,
      owner_ref: input.ownerRef ?? null,
      account: input.account ?? null,
      assignee: null,
      labels: JSON.stringify(input.labels ?? {}),
      signal_count: 0,
      last_signal_at: null,
      acknowledged_at: null,
      mitigated_at: null,
      resolved_at: null,
    };
    await this.counted(async (db, counts) => {
      await db<IncidentRow>('incidents').insert(row);
      counts.add(row, 1);
    });
    return fromRow(row);
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const row = await this.db<IncidentRow>('incidents').where({ id }).first();
    return row && fromRow(row);
  }

  async listIncidents(
    filter: IncidentFilter,
    page: { limit: number; offset: number },
  ): Promise<IncidentList> {
    const filtered = this.filtered(filter);
    const [rows, [{ count }]] = await Promise.all([
      filtered
        .clone()
        .select('*')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      filtered.clone().count<{ count: string | number }[]>({ count: '*' }),
    ]);
    return { items: rows.map(fromRow), totalCount: Number(count) };
  }

  async updateIncident(id: string, patch: IncidentPatch): Promise<Incident> {
    const update: Record<string, unknown> = { updated_at: patch.updatedAt };
    const columns: Array<[keyof IncidentPatch, string]> = [
      ['state', 'state'],
      ['severity', 'severity'],
      ['assignee', 'assignee'],
      ['candidateEntityRef', 'candidate_entity_ref'],
      ['acknowledgedAt', 'acknowledged_at'],
      ['mitigatedAt', 'mitigated_at'],
      ['resolvedAt', 'resolved_at'],
    ];
    for (const [key, column] of columns) {
      if (patch[key] !== undefined) {
        update[column] = patch[key];
      }
    }
    if (patch.signals) {
      update.signal_count = this.db.raw('signal_count + ?', [
        patch.signals.count,
      ]);
      update.last_signal_at = patch.signals.lastAt;
    }
    const counted = countedPatchKeys.some(key => patch[key] !== undefined);
    const row = await this.counted(async (db, counts) => {
      const before: CountedIncidentRow | undefined = counted
        ? await db('incidents').where({ id }).first(countedIncidentColumns)
        : undefined;
      await db('incidents').where({ id }).update(update);
      const after = await db<IncidentRow>('incidents').where({ id }).first();
      if (before && after) {
        counts.move(before, after);
      }
      return after;
    });
    if (!row) {
      throw new Error(`Incident ${id} vanished during an update`);
    }
    return fromRow(row);
  }

  async appendEvent(
    incidentId: string,
    event: IncidentEventInput,
  ): Promise<void> {
    await this.db('incident_events').insert({
      incident_id: incidentId,
      type: event.type,
      actor: event.actor,
      message: event.message,
      data: JSON.stringify(event.data ?? {}),
      created_at: event.createdAt,
    });
    this.changes?.push({ incidentId, ...event });
  }

  async getTimeline(incidentId: string): Promise<IncidentEvent[]> {
    const rows = await this.db<EventRow>('incident_events')
      .where({ incident_id: incidentId })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      id: String(row.id),
      incidentId: row.incident_id,
      type: row.type as IncidentEventType,
      actor: row.actor,
      message: row.message,
      data: parseJson(row.data, {}),
      createdAt: toIso(row.created_at),
    }));
  }

  async findIncidentByOpenKey(dedupKey: string): Promise<Incident | undefined> {
    const row = await this.db<IncidentRow>('incidents')
      .join(
        'incident_open_keys',
        'incidents.id',
        'incident_open_keys.incident_id',
      )
      .where('incident_open_keys.dedup_key', dedupKey)
      .select('incidents.*')
      .first();
    return row && fromRow(row);
  }

  async findResolvedByKey(
    dedupKey: string,
    since: Date,
  ): Promise<Incident | undefined> {
    const row = await this.db<IncidentRow>('incidents')
      .where({ state: 'resolved' })
      .where('resolved_at', '>=', since)
      .where(held =>
        held
          .where({ dedup_key: dedupKey })
          .orWhereIn(
            'id',
            this.db('incident_key_history')
              .select('incident_id')
              .where({ dedup_key: dedupKey }),
          ),
      )
      .orderBy('resolved_at', 'desc')
      .first();
    return row && fromRow(row);
  }

  async findOpenIncidentsForEntities(
    entityRefs: string[],
    since: Date,
  ): Promise<Incident[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const rows = await this.db<IncidentRow>('incidents')
      .whereIn(
        'id',
        this.db('incident_open_keys')
          .whereIn('entity_ref', entityRefs)
          .where('last_seen_at', '>=', since)
          .select('incident_id'),
      )
      .orderBy('created_at', 'asc');
    return rows.map(fromRow);
  }

  async putOpenKey(incidentId: string, key: IncidentAlertKey): Promise<void> {
    const row: OpenKeyRow = {
      dedup_key: key.dedupKey,
      incident_id: incidentId,
      entity_ref: key.entityRef ?? null,
      rule_id: key.ruleId ?? null,
      severity: key.severity,
      status: key.status,
      first_seen_at: new Date(key.firstSeenAt),
      last_seen_at: new Date(key.lastSeenAt),
    };
    const updated = await this.db('incident_open_keys')
      .where({ dedup_key: key.dedupKey, incident_id: incidentId })
      .update({
        severity: row.severity,
        status: row.status,
        last_seen_at: row.last_seen_at,
      });
    if (updated === 0) {
      await this.db('incident_open_keys').insert(row);
    }
  }

  async getOpenKeys(incidentId: string): Promise<IncidentAlertKey[]> {
    const rows = await this.db<OpenKeyRow>('incident_open_keys')
      .where({ incident_id: incidentId })
      .orderBy('first_seen_at', 'asc');
    return rows.map(fromKeyRow);
  }

  async listFiringRuleKeys(): Promise<
    Array<{ ruleId: string; dedupKey: string }>
  > {
    const rows = await this.db<OpenKeyRow>('incident_open_keys')
      .where({ status: 'firing' })
      .whereNotNull('rule_id')
      .select('rule_id', 'dedup_key');
    return rows.map(row => ({ ruleId: row.rule_id!, dedupKey: row.dedup_key }));
  }

  async getOpenKey(
    incidentId: string,
    dedupKey: string,
  ): Promise<IncidentAlertKey | undefined> {
    const row = await this.db<OpenKeyRow>('incident_open_keys')
      .where({ incident_id: incidentId, dedup_key: dedupKey })
      .first();
    return row && fromKeyRow(row);
  }

  async clearOpenKeys(incidentId: string): Promise<void> {
    const keys = await this.db<OpenKeyRow>('incident_open_keys').where({
      incident_id: incidentId,
    });
    if (keys.length > 0) {
      await this.db('incident_key_history')
        .insert(
          keys.map(key => ({
            incident_id: incidentId,
            dedup_key: key.dedup_key,
            entity_ref: key.entity_ref,
            rule_id: key.rule_id,
            severity: key.severity,
            first_seen_at: key.first_seen_at,
            last_seen_at: key.last_seen_at,
          })),
        )
        .onConflict(['incident_id', 'dedup_key'])
        .merge(['entity_ref', 'rule_id', 'severity', 'last_seen_at']);
    }
    await this.db('incident_open_keys')
      .where({ incident_id: incidentId })
      .delete();
  }

  async reopenKeys(incidentId: string): Promise<void> {
    const keys = await this.db<OpenKeyRow>('incident_key_history')
      .where({ incident_id: incidentId })
      .whereNotIn(
        'dedup_key',
        this.db('incident_open_keys').select('dedup_key'),
      );
    if (keys.length === 0) return;
    // A key another incident took meanwhile (a concurrent ingest) stays its.
    await this.db('incident_open_keys')
      .insert(
        keys.map(key => ({
          dedup_key: key.dedup_key,
          incident_id: incidentId,
          entity_ref: key.entity_ref,
          rule_id: key.rule_id,
          severity: key.severity,
          status: 'resolved',
          first_seen_at: key.first_seen_at,
          last_seen_at: key.last_seen_at,
        })),
      )
      .onConflict('dedup_key')
      .ignore();
  }

  async stats(
    filter: IncidentFilter,
    options: StatsOptions,
  ): Promise<IncidentStats> {
    const source = statsSource(this.db, filter, options.bucketSeconds, f =>
      this.filtered(f),
    );
    // One pass over the window for counts, response times and the series;
    // one more for the groups when asked.
    const [cells, groups] = await Promise.all([
      source
        .clone()
        .select(
          'severity',
          'state',
          'bucket',
          this.db.raw('sum(n) as n'),
          this.db.raw('sum(ack_sum) as ack_sum'),
          this.db.raw('sum(ack_n) as ack_n'),
          this.db.raw('sum(res_sum) as res_sum'),
          this.db.raw('sum(res_n) as res_n'),
        )
        .groupBy('severity', 'state', 'bucket') as Promise<StatsCell[]>,
      options.groupBy
        ? this.groups(source, options)
        : Promise.resolve(undefined),
    ]);

    const bySeverity = Object.fromEntries(
      INCIDENT_SEVERITIES.map(s => [s, 0]),
    ) as Record<IncidentSeverity, number>;
    const byState = Object.fromEntries(
      INCIDENT_STATES.map(s => [s, 0]),
    ) as Record<IncidentState, number>;
    const buckets = new Map<number, number>();
    const sums = { ack: 0, ackN: 0, res: 0, resN: 0 };
    for (const cell of cells) {
      const n = Number(cell.n);
      bySeverity[cell.severity as IncidentSeverity] += n;
      byState[cell.state as IncidentState] += n;
      buckets.set(
        Number(cell.bucket),
        (buckets.get(Number(cell.bucket)) ?? 0) + n,
      );
      sums.ack += Number(cell.ack_sum ?? 0);
      sums.ackN += Number(cell.ack_n);
      sums.res += Number(cell.res_sum ?? 0);
      sums.resN += Number(cell.res_n);
    }
    const total = Object.values(byState).reduce((a, b) => a + b, 0);
    return {
      from: (filter.from ?? new Date(0)).toISOString(),
      to: (filter.to ?? new Date()).toISOString(),
      total,
      open: total - byState.resolved,
      bySeverity,
      byState,
      mttaSeconds: sums.ackN ? sums.ack / sums.ackN : null,
      mttrSeconds: sums.resN ? sums.res / sums.resN : null,
      groupBy: options.groupBy,
      thenBy: options.groupBy ? options.thenBy : undefined,
      groups,
      series: [...buckets]
        .sort(([a], [b]) => a - b)
        .map(([bucket, count]) => ({
          start: new Date(bucket * options.bucketSeconds * 1000).toISOString(),
          count,
        })),
    };
  }

  /** Counts per group (or pair of groups), open ones by severity, largest first. */
  private async groups(
    source: StatsSource,
    options: StatsOptions,
  ): Promise<IncidentStatsGroupCount[]> {
    const openCount = (alias: string, condition = '') =>
      this.db.raw(
        `sum(case when state <> 'resolved'${condition} then n else 0 end) as ${alias}`,
      );
    const columns = [groupColumns[options.groupBy!]];
    if (options.thenBy) columns.push(groupColumns[options.thenBy]);
    const rows: Array<Record<string, unknown>> = await source
      .clone()
      .select({ key: columns[0], ...(columns[1] && { sub_key: columns[1] }) })
      .select(this.db.raw('sum(n) as count'))
      .select(openCount('open'))
      .select(
        INCIDENT_SEVERITIES.map(severity =>
          openCount(`open_${severity}`, ` and severity = '${severity}'`),
        ),
      )
      .groupBy(columns)
      .orderBy([{ column: 'count', order: 'desc' }, ...columns])
      .limit(options.groupLimit ?? 200);
    return rows.map(row => ({
      key: row.key as string | null,
      ...(options.thenBy && { subKey: row.sub_key as string | null }),
      count: Number(row.count),
      open: Number(row.open),
      openBySeverity: Object.fromEntries(
        INCIDENT_SEVERITIES.map(severity => [
          severity,
          Number(row[`open_${severity}`] ?? 0),
        ]),
      ) as Record<IncidentSeverity, number>,
    }));
  }

  private filtered(filter: IncidentFilter) {
    return this.db<IncidentRow>('incidents').modify(query => {
      whereDimensions(query, filter);
      if (filter.from) query.where('created_at', '>=', filter.from);
      if (filter.to) query.where('created_at', '<', filter.to);
      if (filter.text) {
        const pattern = `%${filter.text
          .toLocaleLowerCase('en-US')
          .replace(/[%_\\]/g, c => `\\${c}`)}%`;
        query.where(q =>
          q
            .whereRaw("lower(title) like ? escape '\\'", [pattern])
            .orWhereRaw("lower(coalesce(description, '')) like ? escape '\\'", [
              pattern,
            ]),
        );
      }
    });
  }
}
