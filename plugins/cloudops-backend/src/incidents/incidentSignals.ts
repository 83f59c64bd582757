import { SignalStore, StoredSignal } from '../database/SignalStore';

/** The most signals one answer carries. */
const LIMIT = 5000;
/** The most series charted around one incident. */
const MAX_SERIES = 50;

/**
 * The signals that formed an incident (`linked`) and, in `items`, oldest
 * first, those and, with `contextMs`, the other stored points of the same
 * series from `contextMs` before its first signal to `contextMs` after its
 * last, so each series can be charted around the detection rather than as
 * its triggering points alone.
 */
export async function incidentSignals(
  signals: SignalStore,
  incidentId: string,
  contextMs: number,
): Promise<{ linked: StoredSignal[]; items: StoredSignal[] }> {
  const linked = await signals.listForIncident(incidentId, 1000);
  if (contextMs <= 0 || linked.length === 0) {
    return { linked, items: linked };
  }
  const times = linked.map(signal => Date.parse(signal.timestamp));
  // A series filed under more than one entity (its link changed) is read
  // under each of them.
  const series = [
    ...new Map(
      linked.map(s => [
        `${s.fingerprint}\u0000${s.entityRef ?? ''}`,
        { fingerprint: s.fingerprint, entityRef: s.entityRef },
      ]),
    ).values(),
  ].slice(0, MAX_SERIES);
  const around = await signals.listSeries(
    series,
    {
      from: new Date(Math.min(...times) - contextMs),
      to: new Date(Math.max(...times) + contextMs),
    },
    LIMIT,
  );
  const byId = new Map(around.map(signal => [signal.id, signal]));
  linked.forEach(signal => byId.set(signal.id, signal));
  const items = [...byId.values()].sort(
    (a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp),
  );
  return { linked, items };
}
