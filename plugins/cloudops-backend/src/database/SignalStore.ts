import {
  Signal,
  SignalKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** A signal as stored: with its content id and the entity it was linked to. */
export interface StoredSignal extends Signal {
  /** sha256 of fingerprint, timestamp, status and value. */
  id: string;
}

/** Where every received signal is kept. */
export interface SignalStore {
  /**
   * Stores the signals that are not stored yet and returns their ids; a
   * signal delivered twice is stored once.
   */
  insertNew(signals: StoredSignal[], receivedAt: Date): Promise<Set<string>>;
  /** Links stored signals to the incident they became part of. */
  linkToIncident(signalIds: string[], incidentId: string): Promise<void>;
  listForIncident(incidentId: string, limit: number): Promise<StoredSignal[]>;
  /**
   * Signals of some kinds on these entities observed in [from, to), oldest
   * first, at most `limit` (the newest are dropped).
   */
  listForEntities(
    entityRefs: string[],
    options: { kinds: SignalKind[]; from: Date; to: Date; limit: number },
  ): Promise<StoredSignal[]>;

  /** Signals of these series (fingerprints) observed in `[from, to]`, oldest first. */
  listSeries(
    fingerprints: string[],
    window: { from: Date; to: Date },
    limit: number,
  ): Promise<StoredSignal[]>;
}
