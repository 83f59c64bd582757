import { useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';
import { nodeStates } from './graphModel';

const UNRESOLVED = ['open', 'acknowledged', 'mitigated'] as const;

/**
 * The dependency graph around an entity and the incident state of its nodes:
 * three requests whatever the graph's size (the graph, and open incidents
 * grouped by entity and by candidate root cause).
 */
export function useGraphData(
  entityRef: string | undefined,
  depth: number,
  version = 0,
) {
  const api = useApi(cloudopsApiRef);
  const result = useAsyncRetry(async () => {
    if (!entityRef) return undefined;
    const state = [...UNRESOLVED];
    const [graph, byEntity, byCandidate] = await Promise.all([
      api.getGraph(entityRef, depth),
      api.getStats({ state, groupBy: 'entity', groupLimit: 2000 }),
      api.getStats({ state, groupBy: 'candidate', groupLimit: 2000 }),
    ]);
    return { graph, byEntity, byCandidate };
  }, [api, entityRef, depth, version]);
  const states = useMemo(
    () => nodeStates(result.value?.byEntity, result.value?.byCandidate),
    [result.value],
  );
  return { ...result, graph: result.value?.graph, states };
}
