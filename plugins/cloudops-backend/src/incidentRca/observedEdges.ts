import { MetricPoint } from '../database/SignalStore';

/** Label pairs that name a call's caller and callee (service meshes, tracing). */
const CALL_LABELS: Array<[string, string]> = [
  ['source_workload', 'destination_workload'],
  ['source_service', 'destination_service'],
  ['source_app', 'destination_app'],
  ['client', 'server'],
  ['caller', 'callee'],
];

/**
 * The calls seen in the data, by name: metric signals whose labels name a
 * caller and a callee (Istio's `source_workload`/`destination_workload` and
 * similar), each pair once. Names, not entities: the catalog resolves them
 * ({@link observedEdges}), on the thread that holds it.
 */
export function callNames(
  signals: Array<Pick<MetricPoint, 'labels'>>,
): Array<[string, string]> {
  const calls = new Map<string, [string, string]>();
  for (const signal of signals) {
    for (const [from, to] of CALL_LABELS) {
      const caller = signal.labels[from];
      const callee = signal.labels[to];
      if (caller && callee)
        calls.set(`${caller}\u0000${callee}`, [caller, callee]);
    }
  }
  return [...calls.values()];
}

/**
 * Dependency edges from calls seen in the data ({@link callNames}), each
 * name resolved to a catalog entity by `resolve`; calls of an entity to
 * itself and names that resolve to nothing are left out.
 */
export function observedEdges(
  calls: Array<[string, string]>,
  resolve: (name: string) => string | undefined,
): Array<[string, string]> {
  const edges = new Map<string, [string, string]>();
  for (const [callerName, calleeName] of calls) {
    const caller = resolve(callerName);
    const callee = resolve(calleeName);
    if (caller && callee && caller !== callee) {
      edges.set(`${caller}\u0000${callee}`, [caller, callee]);
    }
  }
  return [...edges.values()];
}
