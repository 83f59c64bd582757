import {
  DependencyGraph,
  IncidentSeverity,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  edgeKey,
  GraphHighlight,
  NodeState,
  rootCausePaths,
} from './graphModel';

/** What to draw for each node and edge. */
export interface DrawModel {
  nodes: Array<{
    ref: string;
    label: string;
    /** The worst open incident's severity; none when healthy. */
    severity?: IncidentSeverity;
    root: boolean;
    suspect: boolean;
  }>;
  edges: Array<{ from: string; to: string; path: boolean }>;
}

/** Incident state and the root-cause path as drawing attributes. */
export function drawModel(
  graph: DependencyGraph,
  states: Map<string, NodeState>,
  highlight: GraphHighlight,
): DrawModel {
  const paths = rootCausePaths(graph, highlight);
  const suspects = new Set(highlight.suspects ?? []);
  return {
    nodes: graph.nodes.map(node => {
      const state = states.get(node.entityRef);
      return {
        ref: node.entityRef,
        label: node.title ?? node.name,
        severity: state?.worst,
        root: node.entityRef === graph.rootRef,
        suspect: suspects.has(node.entityRef) || (state?.suspectOf ?? 0) > 0,
      };
    }),
    edges: graph.edges.map(edge => ({
      from: edge.from,
      to: edge.to,
      path: paths.edges.has(edgeKey(edge.from, edge.to)),
    })),
  };
}
