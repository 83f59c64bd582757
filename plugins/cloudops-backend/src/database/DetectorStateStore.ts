/** A detector's snapshot of one series. */
export interface DetectorSnapshot {
  seriesId: string;
  /** The detector state as JSON text. */
  state: string;
  /** Epoch milliseconds of the last point the state learned from. */
  lastTimestamp: number;
  /**
   * How many times the stored row has been written: 1 for the first save.
   * When saving, the revision the snapshot was built on (0 for a series
   * that had no row).
   */
  revision: number;
}

/**
 * Where streaming detectors keep their per-series state between restarts and
 * across replicas. Saves are optimistic: a replica saves a series only if no
 * other replica saved it since the revision it read, and otherwise reloads
 * it and continues from there.
 */
export interface DetectorStateStore {
  /** The snapshot of `seriesId` for detector `kind`, if any. */
  load(kind: string, seriesId: string): Promise<DetectorSnapshot | undefined>;
  /**
   * Saves each snapshot whose row is still at the snapshot's `revision`
   * (inserts one of revision 0 only if there is no row), as the next
   * revision. Returns the series saved; the others were saved by another
   * replica meanwhile and are left as they are.
   */
  save(
    kind: string,
    snapshots: DetectorSnapshot[],
    now: Date,
  ): Promise<Set<string>>;
  /** Forgets snapshots not updated since `before`; returns how many. */
  deleteOlderThan(before: Date): Promise<number>;
}
