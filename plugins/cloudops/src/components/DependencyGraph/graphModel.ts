import {
  DependencyGraph,
  IncidentSeverity,
  IncidentStats,
  INCIDENT_SEVERITIES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** What is wrong at one node: its open incidents and how often it is the suspect. */
export interface NodeState {
  open: number;
  /** The most severe of its open incidents. */
  worst?: IncidentSeverity;
  /** Open incidents whose candidate root cause it is. */
  suspectOf: number;
}

/** What to emphasise: the incident's entity, the suspects, the path between them. */
export interface GraphHighlight {
  focus?: string;
  suspects?: string[];
}

/**
 * Node states from two aggregated statistics calls (open incidents grouped by
 * entity and by candidate root cause): two requests for the whole graph, not
 * one per node.
 */
export function nodeStates(
  byEntity: IncidentStats | undefined,
  byCandidate: IncidentStats | undefined,
): Map<string, NodeState> {
  const states = new Map<string, NodeState>();
  const get = (ref: string) => {
    let state = states.get(ref);
    if (!state) {
      state = { open: 0, suspectOf: 0 };
      states.set(ref, state);
    }
    return state;
  };
  for (const group of byEntity?.groups ?? []) {
    if (!group.key || group.open === 0) continue;
    const state = get(group.key);
    state.open = group.open;
    state.worst = INCIDENT_SEVERITIES.find(s => group.openBySeverity[s] > 0);
  }
  for (const group of byCandidate?.groups ?? []) {
    if (!group.key || group.open === 0) continue;
    get(group.key).suspectOf = group.open;
  }
  return states;
}

function adjacency(graph: DependencyGraph): Map<string, string[]> {
  const neighbours = new Map<string, string[]>(
    graph.nodes.map(node => [node.entityRef, []]),
  );
  for (const edge of graph.edges) {
    neighbours.get(edge.from)?.push(edge.to);
    neighbours.get(edge.to)?.push(edge.from);
  }
  return neighbours;
}

/** Hops from `from` to every reachable node, ignoring edge direction. */
export function hopDistances(
  graph: DependencyGraph,
  from: string,
): Map<string, number> {
  const neighbours = adjacency(graph);
  const distance = new Map<string, number>([[from, 0]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i];
    for (const next of neighbours.get(current) ?? []) {
      if (!distance.has(next)) {
        distance.set(next, distance.get(current)! + 1);
        queue.push(next);
      }
    }
  }
  return distance;
}

/** A shortest path (node refs, both ends included), ignoring edge direction; empty when none. */
export function shortestPath(
  graph: DependencyGraph,
  from: string,
  to: string,
): string[] {
  const neighbours = adjacency(graph);
  if (!neighbours.has(from) || !neighbours.has(to)) return [];
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length && !previous.has(to); i++) {
    for (const next of neighbours.get(queue[i]) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  if (!previous.has(to)) return [];
  const path: string[] = [];
  for (let at: string | null = to; at !== null; at = previous.get(at)!) {
    path.unshift(at);
  }
  return path;
}

/** The nodes and edges on the paths from the focus to each suspect. */
export function rootCausePaths(
  graph: DependencyGraph,
  highlight: GraphHighlight,
): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!highlight.focus) return { nodes, edges };
  for (const suspect of highlight.suspects ?? []) {
    const path = shortestPath(graph, highlight.focus, suspect);
    path.forEach(ref => nodes.add(ref));
    for (let i = 1; i < path.length; i++) {
      edges.add(edgeKey(path[i - 1], path[i]));
      edges.add(edgeKey(path[i], path[i - 1]));
    }
  }
  return { nodes, edges };
}

export function edgeKey(from: string, to: string): string {
  return `${from}->${to}`;
}
