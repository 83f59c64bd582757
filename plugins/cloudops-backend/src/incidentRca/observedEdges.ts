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
 * Dependency edges seen in the data: metric signals whose labels name a
 * caller and a callee (Istio's `source_workload`/`destination_workload` and
 * similar), each resolved to a catalog entity by `resolve`.
 */
export function observedEdges(
  signals: Array<Pick<MetricPoint, 'labels'>>,
  resolve: (name: string) => string | undefined,
): Array<[string, string]> {
  const edges = new Map<string, [string, string]>();
  for (const signal of signals) {
    for (const [from, to] of CALL_LABELS) {
      const caller = signal.labels[from] && resolve(signal.labels[from]);
      const callee = signal.labels[to] && resolve(signal.labels[to]);
      if (caller && callee && caller !== callee) {
        edges.set(`${caller}\u0000${callee}`, [caller, callee]);
      }
    }
  }
  return [...edges.values()];
}
