import { DependencyGraph } from './DependencyGraph';
import { EntityIndex } from './EntityIndex';
import { shopEntities } from '../__testUtils__/testEntities';

describe('DependencyGraph', () => {
  const graph = DependencyGraph.fromEntities(shopEntities);

  it('links dependsOn, and consumed APIs to their providers', () => {
    expect(graph.dependencies('component:default/checkout').sort()).toEqual([
      'component:default/orders',
      'component:default/payments',
    ]);
    expect(graph.dependents('resource:default/payments-db')).toEqual([
      'component:default/payments',
    ]);
  });

  it('finds the neighbourhood within a number of hops, either direction', () => {
    expect(
      [...graph.neighbourhood('component:default/payments', 1)].sort(),
    ).toEqual([
      'component:default/checkout',
      'component:default/payments',
      'resource:default/payments-db',
    ]);
    expect(
      graph
        .neighbourhood('component:default/web', 3)
        .has('resource:default/payments-db'),
    ).toBe(true);
    expect(
      graph
        .neighbourhood('component:default/web', 2)
        .has('resource:default/payments-db'),
    ).toBe(false);
    expect([...graph.neighbourhood('component:default/inventory', 5)]).toEqual([
      'component:default/inventory',
    ]);
  });

  it('names the upstream-most of a set of alerting entities', () => {
    expect(
      graph.upstreamMost([
        'component:default/web',
        'component:default/checkout',
        'resource:default/payments-db',
      ]),
    ).toBe('resource:default/payments-db');
    expect(
      graph.upstreamMost(['component:default/orders', 'component:default/web']),
    ).toBe('component:default/orders');
    expect(graph.upstreamMost([])).toBeUndefined();
  });

  it('serves a view with nodes and the edges among them', () => {
    const view = graph.view(
      'component:default/payments',
      1,
      EntityIndex.fromEntities(shopEntities),
    );
    expect(view.nodes.map(n => n.entityRef).sort()).toEqual([
      'component:default/checkout',
      'component:default/payments',
      'resource:default/payments-db',
    ]);
    expect(view.edges).toEqual(
      expect.arrayContaining([
        {
          from: 'component:default/checkout',
          to: 'component:default/payments',
          type: 'dependsOn',
        },
        {
          from: 'component:default/payments',
          to: 'resource:default/payments-db',
          type: 'dependsOn',
        },
      ]),
    );
    expect(view.edges).toHaveLength(2);
  });
});
