import {
  DetectorHealth,
  DetectorRun,
  DetectorRunOutcome,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import { DetectorRunStore } from './DetectorRunStore';
import { toIso, toOptionalIso } from './rows';

type RunRow = {
  id: number | string;
  detector: string;
  shard: string;
  started_at: Date | string | number;
  duration_ms: number;
  items: number;
  outcome: string;
  error: string | null;
};

type HealthRow = RunRow & {
  last_success_at: Date | string | number | null;
  consecutive_failures: number;
};

function toRun(row: RunRow): DetectorRun {
  return {
    id: String(row.id),
    detector: row.detector,
    shard: row.shard,
    startedAt: toIso(row.started_at),
    durationMs: Number(row.duration_ms),
    items: Number(row.items),
    outcome: row.outcome as DetectorRunOutcome,
    error: row.error ?? undefined,
  };
}

const RUN_COLUMNS = [
  'r.id',
  'r.detector',
  'r.shard',
  'r.started_at',
  'r.duration_ms',
  'r.items',
  'r.outcome',
  'r.error',
];

/** The knex implementation of {@link DetectorRunStore}. */
export class DatabaseDetectorRunStore implements DetectorRunStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async record(run: Omit<DetectorRun, 'id'>): Promise<DetectorRun> {
    const [inserted] = await this.db('detector_runs')
      .insert({
        detector: run.detector,
        shard: run.shard,
        started_at: new Date(run.startedAt),
        duration_ms: Math.round(run.durationMs),
        items: run.items,
        outcome: run.outcome,
        error: run.error ?? null,
      })
      .returning('id');
    const id = String(
      typeof inserted === 'object'
        ? (inserted as { id: unknown }).id
        : inserted,
    );
    const succeeded = run.outcome === 'succeeded';
    const finishedAt = new Date(Date.parse(run.startedAt) + run.durationMs);
    await this.db('detector_health')
      .insert({
        detector: run.detector,
        shard: run.shard,
        last_run_id: id,
        last_success_at: succeeded ? finishedAt : null,
        consecutive_failures: succeeded ? 0 : 1,
      })
      .onConflict(['detector', 'shard'])
      .merge(
        succeeded
          ? {
              last_run_id: id,
              last_success_at: finishedAt,
              consecutive_failures: 0,
            }
          : {
              last_run_id: id,
              consecutive_failures: this.db.raw(
                'detector_health.consecutive_failures + 1',
              ),
            },
      );
    return { ...run, id };
  }

  async health(options: { detector?: string } = {}): Promise<DetectorHealth[]> {
    const rows: HealthRow[] = await this.db('detector_health as h')
      .join('detector_runs as r', 'r.id', 'h.last_run_id')
      .modify(query => {
        if (options.detector) query.where('h.detector', options.detector);
      })
      .select(...RUN_COLUMNS, 'h.last_success_at', 'h.consecutive_failures')
      .orderBy([
        { column: 'h.detector', order: 'asc' },
        { column: 'h.shard', order: 'asc' },
      ]);
    return rows.map(row => ({
      detector: row.detector,
      shard: row.shard,
      lastRun: toRun(row),
      lastSuccessAt: toOptionalIso(row.last_success_at),
      consecutiveFailures: Number(row.consecutive_failures),
    }));
  }

  async list(options: {
    detector?: string;
    shard?: string;
    limit: number;
    beforeId?: string;
  }): Promise<DetectorRun[]> {
    const rows: RunRow[] = await this.db('detector_runs as r')
      .modify(query => {
        if (options.detector) query.where('r.detector', options.detector);
        if (options.shard) query.where('r.shard', options.shard);
        if (options.beforeId) query.where('r.id', '<', options.beforeId);
      })
      .select(...RUN_COLUMNS)
      .orderBy('r.id', 'desc')
      .limit(options.limit);
    return rows.map(toRun);
  }

  async prune(before: Date): Promise<number> {
    return this.db('detector_runs')
      .where('started_at', '<', before)
      .whereNotIn('id', this.db('detector_health').select('last_run_id'))
      .delete();
  }
}
