import { DependencyGraph } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { hopDistances } from './graphModel';

/** Where each node sits, in graph units (the node radius is `NODE_RADIUS`). */
export interface GraphLayout {
  positions: Map<string, { x: number; y: number }>;
  /** The bounding box of all positions. */
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

export const NODE_RADIUS = 11;
const RING_GAP = 90;
/** Arc length kept free per node on a ring. */
const SPACING = 3 * NODE_RADIUS + 14;

/**
 * A concentric layout, computed once in a single pass: the root in the
 * centre, every other node on the ring of its hop distance (nodes it cannot
 * reach on an outer ring), each ring ordered by the angle of the node's
 * parent in the breadth-first tree so that edges mostly run outwards rather
 * than across. Rings grow when their nodes need more room.
 */
export function concentricLayout(graph: DependencyGraph): GraphLayout {
  const hops = hopDistances(graph, graph.rootRef);
  const unreachableRing = Math.max(0, ...hops.values()) + 1;
  const neighbours = new Map<string, string[]>(
    graph.nodes.map(node => [node.entityRef, []]),
  );
  for (const edge of graph.edges) {
    neighbours.get(edge.from)?.push(edge.to);
    neighbours.get(edge.to)?.push(edge.from);
  }
  const rings: string[][] = [];
  for (const node of graph.nodes) {
    const ring = hops.get(node.entityRef) ?? unreachableRing;
    (rings[ring] ??= []).push(node.entityRef);
  }

  const positions = new Map<string, { x: number; y: number }>();
  const angles = new Map<string, number>();
  let radius = 0;
  rings.forEach((members = [], ring) => {
    if (ring === 0) {
      members.forEach(ref => {
        positions.set(ref, { x: 0, y: 0 });
        angles.set(ref, 0);
      });
      return;
    }
    // The parent is a neighbour one ring in; its angle orders this ring.
    const parentAngle = (ref: string) => {
      const inner = (neighbours.get(ref) ?? []).filter(
        n => (hops.get(n) ?? unreachableRing) === ring - 1,
      );
      return inner.length ? angles.get(inner[0]) ?? 0 : 0;
    };
    const ordered = members
      .map(ref => ({ ref, angle: parentAngle(ref) }))
      .sort((a, b) => a.angle - b.angle || a.ref.localeCompare(b.ref));
    radius = Math.max(
      radius + RING_GAP,
      (ordered.length * SPACING) / (2 * Math.PI),
    );
    ordered.forEach(({ ref }, i) => {
      const angle = (2 * Math.PI * i) / ordered.length - Math.PI / 2;
      angles.set(ref, angle);
      positions.set(ref, {
        x: radius * Math.cos(angle),
        y: radius * Math.sin(angle),
      });
    });
  });

  const xs = [...positions.values()].map(p => p.x);
  const ys = [...positions.values()].map(p => p.y);
  return {
    positions,
    bounds: {
      minX: Math.min(0, ...xs),
      minY: Math.min(0, ...ys),
      maxX: Math.max(0, ...xs),
      maxY: Math.max(0, ...ys),
    },
  };
}

/** The node under a point (graph units), if any. */
export function nodeAt(
  layout: GraphLayout,
  x: number,
  y: number,
  slack: number,
): string | undefined {
  let best: string | undefined;
  let bestDistance = (NODE_RADIUS + slack) ** 2;
  for (const [ref, p] of layout.positions) {
    const distance = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (distance <= bestDistance) {
      best = ref;
      bestDistance = distance;
    }
  }
  return best;
}
