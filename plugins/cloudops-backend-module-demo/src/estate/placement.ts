import { DemoEstate } from './types';

/**
 * Where the scheduler put each Kubernetes service's pods: spread over the
 * cluster's first three nodes (the fourth runs only DaemonSets), pod `i` of
 * the `k`-th service on node `(k + i) mod 3`. By service ref, the node of
 * each pod in order.
 */
export function podPlacement(estate: DemoEstate): Map<string, string[]> {
  const workers = estate.cluster.nodes.slice(0, 3).map(n => n.name);
  const placement = new Map<string, string[]>();
  estate.services
    .filter(s => s.runtime.type === 'kubernetes')
    .forEach((service, k) => {
      if (service.runtime.type !== 'kubernetes') return;
      placement.set(
        service.ref,
        service.runtime.pods.map((_, i) => workers[(k + i) % workers.length]),
      );
    });
  return placement;
}
