/**
 * How two entities depend on each other: `from` needs `to`.
 *
 * @public
 */
export type DependencyEdgeType = 'dependsOn' | 'consumesApi' | 'partOf';

/** @public */
export interface DependencyEdge {
  from: string;
  to: string;
  type: DependencyEdgeType;
}

/** @public */
export interface DependencyNode {
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  systemRef?: string;
  ownerRef?: string;
}

/**
 * The part of the service dependency graph around an entity.
 *
 * @public
 */
export interface DependencyGraph {
  rootRef: string;
  nodes: DependencyNode[];
  edges: DependencyEdge[];
}
