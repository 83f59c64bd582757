export { DependencyGraph } from './DependencyGraph';
export { useGraphData } from './useGraphData';
export type { GraphHighlight, NodeState } from './graphModel';
