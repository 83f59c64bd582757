import {
  DependencyGraph,
  IncidentStats,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  edgeKey,
  hopDistances,
  nodeStates,
  rootCausePaths,
  shortestPath,
} from './graphModel';

const ref = (name: string) => `component:default/${name}`;
// web → checkout → payments → payments-db; checkout → orders; island alone.
const graph: DependencyGraph = {
  rootRef: ref('checkout'),
  nodes: ['web', 'checkout', 'payments', 'payments-db', 'orders', 'island'].map(
    name => ({ entityRef: ref(name), kind: 'component', name }),
  ),
  edges: [
    { from: ref('web'), to: ref('checkout'), type: 'dependsOn' },
    { from: ref('checkout'), to: ref('payments'), type: 'dependsOn' },
    { from: ref('payments'), to: ref('payments-db'), type: 'dependsOn' },
    { from: ref('checkout'), to: ref('orders'), type: 'consumesApi' },
  ],
};

function stats(
  groups: Array<[string | null, number, Partial<Record<string, number>>]>,
): IncidentStats {
  return {
    groups: groups.map(([key, open, bySeverity]) => ({
      key,
      count: open,
      open,
      openBySeverity: {
        critical: 0,
        high: 0,
        warning: 0,
        info: 0,
        ...bySeverity,
      },
    })),
  } as IncidentStats;
}

describe('graph model', () => {
  it('measures hops both ways along edges', () => {
    const hops = hopDistances(graph, ref('checkout'));
    expect(Object.fromEntries(hops)).toEqual({
      [ref('checkout')]: 0,
      [ref('web')]: 1,
      [ref('payments')]: 1,
      [ref('orders')]: 1,
      [ref('payments-db')]: 2,
    });
  });

  it('finds the shortest path against edge direction, or none', () => {
    expect(shortestPath(graph, ref('web'), ref('payments-db'))).toEqual([
      ref('web'),
      ref('checkout'),
      ref('payments'),
      ref('payments-db'),
    ]);
    expect(shortestPath(graph, ref('orders'), ref('orders'))).toEqual([
      ref('orders'),
    ]);
    expect(shortestPath(graph, ref('web'), ref('island'))).toEqual([]);
    expect(shortestPath(graph, ref('web'), ref('unknown'))).toEqual([]);
  });

  it('marks the nodes and edges from the focus to each suspect', () => {
    const { nodes, edges } = rootCausePaths(graph, {
      focus: ref('web'),
      suspects: [ref('payments')],
    });
    expect([...nodes]).toEqual([ref('web'), ref('checkout'), ref('payments')]);
    expect(edges.has(edgeKey(ref('web'), ref('checkout')))).toBe(true);
    expect(edges.has(edgeKey(ref('payments'), ref('checkout')))).toBe(true);
    expect(edges.has(edgeKey(ref('checkout'), ref('orders')))).toBe(false);
  });

  it('combines open incidents and suspicion per node from grouped stats', () => {
    const states = nodeStates(
      stats([
        [ref('web'), 3, { warning: 2, high: 1 }],
        [ref('orders'), 0, {}],
        [null, 5, { info: 5 }],
      ]),
      stats([[ref('payments'), 2, { critical: 2 }]]),
    );
    expect(Object.fromEntries(states)).toEqual({
      [ref('web')]: { open: 3, worst: 'high', suspectOf: 0 },
      [ref('payments')]: { open: 0, suspectOf: 2 },
    });
  });
});
