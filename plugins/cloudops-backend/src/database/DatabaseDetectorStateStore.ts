import { Knex } from 'knex';
import { chunks } from './chunks';
import { DetectorSnapshot, DetectorStateStore } from './DetectorStateStore';

const TABLE = 'detector_states';
/** Rows per statement: 5 columns each. */
const CHUNK = 500;

type DetectorStateRow = {
  kind: string;
  series_id: string;
  state: string;
  last_timestamp: number | string;
  updated_at: Date;
};

/** The knex implementation of {@link DetectorStateStore}. */
export class DatabaseDetectorStateStore implements DetectorStateStore {
  constructor(private readonly db: Knex) {}

  async load(
    kind: string,
    seriesId: string,
  ): Promise<DetectorSnapshot | undefined> {
    const row = await this.db<DetectorStateRow>(TABLE)
      .where({ kind, series_id: seriesId })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      seriesId,
      state: row.state,
      lastTimestamp: Number(row.last_timestamp),
    };
  }

  async save(
    kind: string,
    snapshots: DetectorSnapshot[],
    now: Date,
  ): Promise<void> {
    const latest = new Map(snapshots.map(s => [s.seriesId, s]));
    for (const part of chunks([...latest.values()], CHUNK)) {
      await this.db<DetectorStateRow>(TABLE)
        .insert(
          part.map(s => ({
            kind,
            series_id: s.seriesId,
            state: s.state,
            last_timestamp: s.lastTimestamp,
            updated_at: now,
          })),
        )
        .onConflict(['kind', 'series_id'])
        .merge(['state', 'last_timestamp', 'updated_at'])
        .where(
          `${TABLE}.last_timestamp`,
          '<=',
          this.db.raw('excluded.last_timestamp'),
        );
    }
  }

  async deleteOlderThan(before: Date): Promise<number> {
    return this.db(TABLE).where('updated_at', '<', before).delete();
  }
}
