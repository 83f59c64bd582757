import { DetectorSnapshot } from '../database/DetectorStateStore';

/** How a cache turns its values into snapshots and back. */
export interface SeriesStateCodec<T> {
  /**
   * The newest state format (`version` in the JSON) this code reads. A
   * stored state of a later one (written by a newer replica during a rolling
   * upgrade) is kept as it is and its series gets no verdicts here.
   */
  version: number;
  /** The value for a stored state, or undefined when it is not usable (an older format). */
  revive(state: unknown): T | undefined;
  /** The value's JSON state and the timestamp of the last point it learned from. */
  snapshot(value: T): { state: unknown; lastTimestamp: number };
}

/**
 * A stored snapshot as a cache can use it: its value, or none when it is of
 * an older format or not JSON (the series starts afresh and its row is
 * replaced), or the later format it is in.
 */
export type StoredState<T> =
  | { value: T | undefined; newerVersion?: undefined }
  | { newerVersion: number };

/** Reads a stored snapshot with `codec`. */
export function readStoredState<T>(
  codec: SeriesStateCodec<T>,
  snapshot: DetectorSnapshot,
): StoredState<T> {
  let state: unknown;
  try {
    state = JSON.parse(snapshot.state);
  } catch {
    return { value: undefined };
  }
  const version = (state as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > codec.version) {
    return { newerVersion: version };
  }
  return { value: codec.revive(state) };
}
