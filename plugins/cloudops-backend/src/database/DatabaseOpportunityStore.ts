import {
  Evidence,
  LedgerEntry,
  OPEN_OPPORTUNITY_STATES,
  Opportunity,
  OpportunityKind,
  OpportunityList,
  OpportunityState,
  SavingsObservation,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import crypto from 'node:crypto';
import {
  LedgerMove,
  ObservationInput,
  OpportunityFilter,
  OpportunityPatch,
  OpportunityStore,
  OpportunityWrite,
  publicOpportunity,
  StoredOpportunity,
} from './OpportunityStore';
import { parseJson, toIso, toOptionalIso } from './rows';
import { timeArithmetic } from './timeArithmetic';

type Time = Date | string | number;

type OpportunityRow = {
  id: string;
  dedup_key: string;
  detector: string;
  kind: string;
  shard: string;
  resource_id: string;
  resource_type: string;
  account: string | null;
  entity_ref: string | null;
  owner_ref: string | null;
  system_ref: string | null;
  title: string;
  state: string;
  currency: string;
  monthly_savings: number;
  confidence: number;
  risk_score: number;
  risk_level: string;
  details: string;
  first_detected_at: Time;
  last_detected_at: Time;
  detection_count: number;
  state_changed_at: Time;
  snoozed_until: Time | null;
  pull_request_url: string | null;
  observed_until: Time | null;
  realized_to_date: number;
  measured_monthly_savings: number | null;
};

/** The columns of a list (everything but the evidence). */
const COLUMNS = [
  'id',
  'dedup_key',
  'detector',
  'kind',
  'shard',
  'resource_id',
  'resource_type',
  'account',
  'entity_ref',
  'owner_ref',
  'system_ref',
  'title',
  'state',
  'currency',
  'monthly_savings',
  'confidence',
  'risk_score',
  'risk_level',
  'details',
  'first_detected_at',
  'last_detected_at',
  'detection_count',
  'state_changed_at',
  'snoozed_until',
  'pull_request_url',
  'observed_until',
  'realized_to_date',
  'measured_monthly_savings',
];

type Details = Pick<
  Opportunity,
  'resource' | 'current' | 'recommended' | 'risk' | 'remediation'
>;

function fromRow(row: OpportunityRow): StoredOpportunity {
  const details = parseJson<Details>(row.details, {} as Details);
  return {
    id: row.id,
    dedupKey: row.dedup_key,
    detector: row.detector,
    kind: row.kind as OpportunityKind,
    shard: row.shard,
    resource: details.resource,
    account: row.account ?? undefined,
    entityRef: row.entity_ref ?? undefined,
    ownerRef: row.owner_ref ?? undefined,
    systemRef: row.system_ref ?? undefined,
    title: row.title,
    current: details.current,
    recommended: details.recommended,
    monthlySavings: Number(row.monthly_savings),
    currency: row.currency,
    confidence: Number(row.confidence),
    risk: details.risk,
    remediation: details.remediation,
    state: row.state as OpportunityState,
    firstDetectedAt: toIso(row.first_detected_at),
    lastDetectedAt: toIso(row.last_detected_at),
    stateChangedAt: toIso(row.state_changed_at),
    detectionCount: Number(row.detection_count),
    snoozedUntil: toOptionalIso(row.snoozed_until),
    pullRequestUrl: row.pull_request_url ?? undefined,
    observedUntil: toOptionalIso(row.observed_until),
    realizedToDate: Number(row.realized_to_date),
    measuredMonthlySavings:
      row.measured_monthly_savings === null
        ? undefined
        : Number(row.measured_monthly_savings),
  };
}

/** The columns a finding writes (new, or re-detected while still open). */
function detectionColumns(write: OpportunityPatch['detection'] & object) {
  const details: Details = {
    resource: write.resource,
    current: write.current,
    recommended: write.recommended,
    risk: write.risk,
    remediation: write.remediation,
  };
  return {
    detector: write.detector,
    kind: write.kind,
    shard: write.shard,
    resource_id: write.resource.id,
    resource_type: write.resource.type,
    account: write.account ?? null,
    entity_ref: write.entityRef ?? null,
    owner_ref: write.ownerRef ?? null,
    system_ref: write.systemRef ?? null,
    title: write.title,
    currency: write.currency,
    monthly_savings: write.monthlySavings,
    confidence: write.confidence,
    risk_score: write.risk.score,
    risk_level: write.risk.level,
    details: JSON.stringify(details),
    evidence: JSON.stringify(write.evidence),
    last_detected_at: new Date(write.lastDetectedAt),
  };
}

type LedgerRow = {
  id: number | string;
  opportunity_id: string;
  from_state: string | null;
  to_state: string;
  actor: string;
  note: string | null;
  data: string;
  monthly_savings: number;
  created_at: Time;
};

function ledgerFromRow(row: LedgerRow): LedgerEntry {
  return {
    id: String(row.id),
    opportunityId: row.opportunity_id,
    from: (row.from_state ?? undefined) as OpportunityState | undefined,
    to: row.to_state as OpportunityState,
    actor: row.actor,
    note: row.note ?? undefined,
    data: parseJson(row.data, {}),
    createdAt: toIso(row.created_at),
  };
}

type ObservationRow = {
  id: number | string;
  opportunity_id: string;
  window_start: Time;
  window_end: Time;
  applied: boolean | number;
  baseline_cost: number;
  actual_cost: number;
  savings: number;
  peak_utilization: number | null;
  cost_source: string;
  observed_at: Time;
};

function observationFromRow(row: ObservationRow): SavingsObservation {
  return {
    id: String(row.id),
    opportunityId: row.opportunity_id,
    windowStart: toIso(row.window_start),
    windowEnd: toIso(row.window_end),
    applied: Boolean(row.applied),
    baselineCost: Number(row.baseline_cost),
    actualCost: Number(row.actual_cost),
    savings: Number(row.savings),
    peakUtilization:
      row.peak_utilization === null ? undefined : Number(row.peak_utilization),
    costSource: row.cost_source,
    observedAt: toIso(row.observed_at),
  };
}

/** The knex implementation of {@link OpportunityStore}. */
export class DatabaseOpportunityStore implements OpportunityStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async findByKeys(keys: string[]): Promise<Map<string, StoredOpportunity>> {
    const found = new Map<string, StoredOpportunity>();
    // Chunks keep each statement under SQLite's variable limit.
    for (let i = 0; i < keys.length; i += 500) {
      const rows: OpportunityRow[] = await this.db('opportunities')
        .whereIn('dedup_key', keys.slice(i, i + 500))
        .select(COLUMNS);
      rows.forEach(row => found.set(row.dedup_key, fromRow(row)));
    }
    return found;
  }

  async get(id: string): Promise<StoredOpportunity | undefined> {
    const row = await this.db('opportunities').where({ id }).first(COLUMNS);
    return row ? fromRow(row) : undefined;
  }

  async getEvidence(id: string): Promise<Evidence | undefined> {
    const row = await this.db('opportunities').where({ id }).first('evidence');
    return row
      ? parseJson<Evidence>(row.evidence, {
          summary: [],
          charts: [],
          metrics: {},
        })
      : undefined;
  }

  async insert(write: OpportunityWrite): Promise<StoredOpportunity> {
    const id = crypto.randomUUID();
    await this.db('opportunities').insert({
      id,
      dedup_key: write.dedupKey,
      ...detectionColumns(write),
      state: write.state,
      first_detected_at: new Date(write.firstDetectedAt),
      detection_count: write.detectionCount,
      state_changed_at: new Date(write.stateChangedAt),
      realized_to_date: 0,
    });
    return (await this.get(id))!;
  }

  async update(
    id: string,
    patch: OpportunityPatch,
    expectedState?: OpportunityState,
  ): Promise<boolean> {
    const columns: Record<string, unknown> = {};
    if (patch.detection) {
      Object.assign(columns, detectionColumns(patch.detection));
    }
    if (patch.detection || patch.seen) {
      columns.detection_count = this.db.raw('detection_count + 1');
    }
    if (patch.seen) {
      columns.last_detected_at = patch.seen.at;
      columns.shard = patch.seen.shard;
    }
    if (patch.state) columns.state = patch.state;
    if (patch.stateChangedAt) columns.state_changed_at = patch.stateChangedAt;
    if (patch.snoozedUntil !== undefined)
      columns.snoozed_until = patch.snoozedUntil;
    if (patch.pullRequestUrl !== undefined)
      columns.pull_request_url = patch.pullRequestUrl;
    if (patch.observedUntil) columns.observed_until = patch.observedUntil;
    if (patch.realized !== undefined) {
      columns.realized_to_date = this.db.raw('realized_to_date + ?', [
        patch.realized,
      ]);
    }
    if (patch.measuredMonthlySavings !== undefined) {
      columns.measured_monthly_savings = patch.measuredMonthlySavings;
    }
    if (Object.keys(columns).length === 0) return true;
    const updated = await this.db('opportunities')
      .where({ id })
      .modify(query => {
        if (expectedState) query.where('state', expectedState);
      })
      .update(columns);
    return updated > 0;
  }

  private filtered(filter: OpportunityFilter) {
    return this.db('opportunities').modify(query => {
      if (filter.account) query.where('account', filter.account);
      if (filter.ownerRef) query.where('owner_ref', filter.ownerRef);
      if (filter.systemRef) query.where('system_ref', filter.systemRef);
      if (filter.entityRef) query.where('entity_ref', filter.entityRef);
      if (filter.detector) query.where('detector', filter.detector);
      if (filter.shard) query.where('shard', filter.shard);
      if (filter.currency) query.where('currency', filter.currency);
      if (filter.kind?.length) query.whereIn('kind', filter.kind);
      if (filter.state?.length) query.whereIn('state', filter.state);
      if (filter.riskLevel?.length)
        query.whereIn('risk_level', filter.riskLevel);
    });
  }

  /** Aggregates (`count(*) as n`, `sum(x) as s`) over the filter. */
  private async sums(
    filter: OpportunityFilter,
    ...expressions: string[]
  ): Promise<Array<Record<string, number | string | null>>> {
    return this.filtered(filter).select(
      expressions.map(e => this.db.raw(e)),
    ) as unknown as Promise<Array<Record<string, number | string | null>>>;
  }

  async list(
    filter: OpportunityFilter,
    page: {
      limit: number;
      offset: number;
      sort: 'savings' | 'risk' | 'detected';
    },
  ): Promise<OpportunityList> {
    const order = {
      savings: [{ column: 'monthly_savings', order: 'desc' }],
      risk: [{ column: 'risk_score', order: 'desc' }],
      detected: [{ column: 'last_detected_at', order: 'desc' }],
    }[page.sort];
    const [rows, perCurrency] = await Promise.all([
      this.filtered(filter)
        .select(COLUMNS)
        .orderBy([...order, { column: 'id', order: 'asc' }])
        .limit(page.limit)
        .offset(page.offset),
      // Savings add up within a currency only.
      this.filtered(filter)
        .select('currency')
        .count({ n: '*' })
        .sum({ s: 'monthly_savings' })
        .groupBy('currency')
        .orderBy('currency') as unknown as Promise<
        Array<{ currency: string; n: number | string; s: number | string }>
      >,
    ]);
    return {
      items: (rows as OpportunityRow[]).map(row =>
        publicOpportunity(fromRow(row)),
      ),
      totalCount: perCurrency.reduce((n, total) => n + Number(total.n), 0),
      totals: perCurrency.map(total => ({
        currency: total.currency,
        monthlySavings: Number(total.s),
      })),
    };
  }

  async listForShard(
    detector: string,
    shard: string,
    states: readonly OpportunityState[],
  ): Promise<StoredOpportunity[]> {
    const rows: OpportunityRow[] = await this.db('opportunities')
      .where({ detector, shard })
      .whereIn('state', [...states])
      .select(COLUMNS);
    return rows.map(fromRow);
  }

  async listShards(
    states: readonly OpportunityState[],
    detector?: string,
  ): Promise<Array<{ detector: string; shard: string }>> {
    return this.db('opportunities')
      .whereIn('state', [...states])
      .modify(query => {
        if (detector) query.where({ detector });
      })
      .distinct('detector', 'shard')
      .orderBy(['detector', 'shard']);
  }

  async listDetectedBefore(
    detector: string,
    states: readonly OpportunityState[],
    before: Date,
  ): Promise<StoredOpportunity[]> {
    const rows: OpportunityRow[] = await this.db('opportunities')
      .where({ detector })
      .whereIn('state', [...states])
      .where('last_detected_at', '<', before)
      .select(COLUMNS);
    return rows.map(fromRow);
  }

  async listSnoozeEnded(now: Date): Promise<StoredOpportunity[]> {
    const rows: OpportunityRow[] = await this.db('opportunities')
      .where('state', 'snoozed')
      .where('snoozed_until', '<=', now)
      .select(COLUMNS);
    return rows.map(fromRow);
  }

  async appendLedger(
    entry: Omit<LedgerEntry, 'id' | 'createdAt'> & {
      createdAt: Date;
      monthlySavings: number;
    },
  ): Promise<LedgerEntry> {
    const [row] = await this.db<LedgerRow>('opportunity_ledger')
      .insert({
        opportunity_id: entry.opportunityId,
        from_state: entry.from ?? null,
        to_state: entry.to,
        actor: entry.actor,
        note: entry.note ?? null,
        data: JSON.stringify(entry.data),
        monthly_savings: entry.monthlySavings,
        created_at: entry.createdAt,
      })
      .returning('*');
    return ledgerFromRow(row);
  }

  async ledger(opportunityId: string): Promise<LedgerEntry[]> {
    const rows: LedgerRow[] = await this.db('opportunity_ledger')
      .where({ opportunity_id: opportunityId })
      .orderBy('id', 'asc');
    return rows.map(ledgerFromRow);
  }

  async ledgerBetween(from: Date, to: Date): Promise<LedgerMove[]> {
    const rows: Array<
      LedgerRow & { kind: string; entity_ref: string | null; currency: string }
    > = await this.db('opportunity_ledger as l')
      .join('opportunities as o', 'o.id', 'l.opportunity_id')
      .where('l.created_at', '>=', from)
      .where('l.created_at', '<', to)
      .select('l.*', 'o.kind', 'o.entity_ref', 'o.currency')
      .orderBy('l.id', 'asc');
    return rows.map(row => ({
      ...ledgerFromRow(row),
      kind: row.kind as OpportunityKind,
      monthlySavings: Number(row.monthly_savings),
      entityRef: row.entity_ref ?? undefined,
      currency: row.currency,
    }));
  }

  async addObservation(input: ObservationInput): Promise<SavingsObservation> {
    const [row] = await this.db<ObservationRow>('opportunity_observations')
      .insert({
        opportunity_id: input.opportunityId,
        window_start: input.windowStart,
        window_end: input.windowEnd,
        applied: input.applied,
        baseline_cost: input.baselineCost,
        actual_cost: input.actualCost,
        savings: input.baselineCost - input.actualCost,
        peak_utilization: input.peakUtilization ?? null,
        cost_source: input.costSource,
        observed_at: input.observedAt,
      })
      .returning('*');
    return observationFromRow(row);
  }

  async observations(opportunityId: string): Promise<SavingsObservation[]> {
    const rows: ObservationRow[] = await this.db('opportunity_observations')
      .where({ opportunity_id: opportunityId })
      .orderBy('window_end', 'asc');
    return rows.map(observationFromRow);
  }

  async savingsByDay(
    filter: OpportunityFilter,
    from: Date,
    to: Date,
  ): Promise<Array<{ day: number; amount: number }>> {
    const bucket = timeArithmetic(this.db).bucket('b.window_end', 86_400);
    const rows = (await this.db('opportunity_observations as b')
      .whereIn('b.opportunity_id', this.filtered(filter).select('id'))
      .whereIn(
        'b.opportunity_id',
        this.db('opportunities')
          .whereIn('state', ['validated', 'realized'])
          .select('id'),
      )
      .where('b.window_end', '>=', from)
      .where('b.window_end', '<', to)
      .where('b.applied', true)
      .select(this.db.raw(`${bucket} as bucket`))
      .sum({ amount: 'b.savings' })
      .groupByRaw(bucket)
      .orderBy('bucket')) as unknown as Array<{
      bucket: number | string;
      amount: number | string;
    }>;
    return rows.map(row => ({
      day: Number(row.bucket) * 86_400_000,
      amount: Number(row.amount),
    }));
  }

  async totals(filter: OpportunityFilter) {
    const [open] = await this.sums(
      { ...filter, state: [...OPEN_OPPORTUNITY_STATES] },
      'count(*) as n',
      'sum(monthly_savings) as s',
    );
    const [measured] = await this.sums(
      { ...filter, state: ['validated', 'realized'] },
      'sum(realized_to_date) as total',
      'sum(measured_monthly_savings) as s',
    );
    return {
      potentialMonthlySavings: Number(open.s ?? 0),
      openCount: Number(open.n),
      realizedToDate: Number(measured.total ?? 0),
      realizedMonthly: Number(measured.s ?? 0),
    };
  }
}
