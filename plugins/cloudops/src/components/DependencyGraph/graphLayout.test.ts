import { DependencyGraph } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { concentricLayout, NODE_RADIUS, nodeAt } from './graphLayout';

const ref = (i: number) => `component:default/svc-${i}`;

/** A 4-ary tree of n nodes rooted at svc-0, plus one island. */
function tree(n: number): DependencyGraph {
  return {
    rootRef: ref(0),
    nodes: [...Array.from({ length: n }, (_, i) => i), 9999].map(i => ({
      entityRef: ref(i),
      kind: 'component',
      name: `svc-${i}`,
    })),
    edges: Array.from({ length: n - 1 }, (_, k) => ({
      from: ref(k + 1),
      to: ref(Math.floor(k / 4)),
      type: 'dependsOn' as const,
    })),
  };
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

describe('concentricLayout', () => {
  it('puts the root in the middle and each hop on a larger ring', () => {
    const layout = concentricLayout(tree(21));
    const origin = { x: 0, y: 0 };
    expect(layout.positions.get(ref(0))).toEqual(origin);
    const r1 = distance(layout.positions.get(ref(1))!, origin);
    const r2 = distance(layout.positions.get(ref(5))!, origin);
    const island = distance(layout.positions.get(ref(9999))!, origin);
    expect(r1).toBeGreaterThan(0);
    expect(distance(layout.positions.get(ref(4))!, origin)).toBeCloseTo(r1);
    expect(r2).toBeGreaterThan(r1);
    expect(island).toBeGreaterThan(r2);
  });

  it('keeps 500 nodes apart', () => {
    const layout = concentricLayout(tree(500));
    expect(layout.positions.size).toBe(501);
    const points = [...layout.positions.values()];
    let closest = Infinity;
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        closest = Math.min(closest, distance(points[i], points[j]));
      }
    }
    expect(closest).toBeGreaterThan(2 * NODE_RADIUS);
  });

  it('orders a ring by parent so siblings sit together', () => {
    const layout = concentricLayout(tree(21));
    const angle = (i: number) => {
      const p = layout.positions.get(ref(i))!;
      return Math.atan2(p.y, p.x);
    };
    // svc-5..8 are children of svc-1; svc-9..12 of svc-2: no interleaving.
    const children1 = [5, 6, 7, 8].map(angle);
    const children2 = [9, 10, 11, 12].map(angle);
    expect(
      Math.max(...children1) < Math.min(...children2) ||
        Math.min(...children1) > Math.max(...children2),
    ).toBe(true);
  });

  it('finds the node under a point', () => {
    const layout = concentricLayout(tree(5));
    const p = layout.positions.get(ref(3))!;
    expect(nodeAt(layout, p.x + 3, p.y - 3, 0)).toBe(ref(3));
    expect(nodeAt(layout, p.x + 100, p.y + 100, 0)).toBeUndefined();
  });
});
