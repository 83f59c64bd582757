import { Knex } from 'knex';
import { chunks } from './chunks';
import { DetectorSnapshot, DetectorStateStore } from './DetectorStateStore';

const TABLE = 'detector_states';
/** Rows per statement: 6 columns each. */
const CHUNK = 500;

type DetectorStateRow = {
  kind: string;
  series_id: string;
  state: string;
  last_timestamp: number | string;
  revision: number | string;
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
      revision: Number(row.revision),
    };
  }

  async save(
    kind: string,
    snapshots: DetectorSnapshot[],
    now: Date,
  ): Promise<Set<string>> {
    const latest = new Map(snapshots.map(s => [s.seriesId, s]));
    const saved = new Set<string>();
    for (const part of chunks([...latest.values()], CHUNK)) {
      // Inserted as the next revision; an existing row is replaced only if
      // it is still at the revision the snapshot was built on (a row is
      // never at revision 0, so a new series never replaces one).
      const rows: Array<Pick<DetectorStateRow, 'series_id'>> =
        await this.db<DetectorStateRow>(TABLE)
          .insert(
            part.map(s => ({
              kind,
              series_id: s.seriesId,
              state: s.state,
              last_timestamp: s.lastTimestamp,
              revision: s.revision + 1,
              updated_at: now,
            })),
          )
          .onConflict(['kind', 'series_id'])
          .merge(['state', 'last_timestamp', 'revision', 'updated_at'])
          .where(`${TABLE}.revision`, '=', this.db.raw('excluded.revision - 1'))
          .returning('series_id');
      rows.forEach(row => saved.add(row.series_id));
    }
    return saved;
  }

  async deleteOlderThan(before: Date): Promise<number> {
    return this.db(TABLE).where('updated_at', '<', before).delete();
  }
}
