/** A detector's snapshot of one series. */
export interface DetectorSnapshot {
  seriesId: string;
  /** The detector state as JSON text. */
  state: string;
  /** Epoch milliseconds of the last point the state learned from. */
  lastTimestamp: number;
}

/**
 * Where streaming detectors keep their per-series state between restarts and
 * across replicas.
 */
export interface DetectorStateStore {
  /** The snapshot of `seriesId` for detector `kind`, if any. */
  load(kind: string, seriesId: string): Promise<DetectorSnapshot | undefined>;
  /**
   * Saves snapshots. A stored snapshot that has learned from later points
   * (another replica got further) is kept rather than overwritten.
   */
  save(kind: string, snapshots: DetectorSnapshot[], now: Date): Promise<void>;
  /** Forgets snapshots not updated since `before`; returns how many. */
  deleteOlderThan(before: Date): Promise<number>;
}
