import { StoredSignal } from '../SignalStore';

/**
 * A stored signal as a raw `signals` row, for tests that write the table
 * directly (at an older migration, before the store's current shape).
 */
export function signalRow(signal: StoredSignal) {
  return {
    id: signal.id,
    fingerprint: signal.fingerprint,
    source: signal.source,
    kind: signal.kind,
    name: signal.name,
    value: signal.value,
    labels: JSON.stringify(signal.labels),
    entity_ref: signal.entityRef,
    observed_at: new Date(signal.timestamp),
    received_at: new Date(signal.timestamp),
  };
}
