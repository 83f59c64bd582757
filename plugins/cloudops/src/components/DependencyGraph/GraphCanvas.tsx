import { DependencyGraph } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { useTheme } from '@material-ui/core/styles';
import cytoscape, { Core, ElementDefinition } from 'cytoscape';
import { useEffect, useMemo, useRef } from 'react';
import {
  edgeKey,
  GraphHighlight,
  hopDistances,
  NodeState,
  rootCausePaths,
} from './graphModel';
import { graphStyle } from './graphStyle';

/** The cytoscape elements: state and highlight as classes, hop distance as the ring. */
export function toElements(
  graph: DependencyGraph,
  states: Map<string, NodeState>,
  highlight: GraphHighlight,
): ElementDefinition[] {
  const hops = hopDistances(graph, graph.rootRef);
  const farthest = Math.max(0, ...hops.values()) + 1;
  const paths = rootCausePaths(graph, highlight);
  const suspects = new Set(highlight.suspects ?? []);
  const nodes: ElementDefinition[] = graph.nodes.map(node => {
    const state = states.get(node.entityRef);
    const classes = [];
    if (node.entityRef === graph.rootRef) classes.push('root');
    if (state?.worst) classes.push(`sev-${state.worst}`);
    if (suspects.has(node.entityRef) || (state?.suspectOf ?? 0) > 0) {
      classes.push('suspect');
    }
    return {
      group: 'nodes',
      data: {
        id: node.entityRef,
        label: node.title ?? node.name,
        ring: farthest - (hops.get(node.entityRef) ?? farthest),
      },
      classes,
    };
  });
  const edges: ElementDefinition[] = graph.edges.map(edge => ({
    group: 'edges',
    data: {
      id: `${edgeKey(edge.from, edge.to)}:${edge.type}`,
      source: edge.from,
      target: edge.to,
    },
    classes: paths.edges.has(edgeKey(edge.from, edge.to)) ? ['path'] : [],
  }));
  return [...nodes, ...edges];
}

/**
 * The graph drawn on a canvas by cytoscape: one canvas for any number of
 * nodes (no DOM node per entity), a concentric layout by hop distance from
 * the root computed in one pass, cached textures while panning and zooming,
 * and labels dropped when too small to read. Click selects, double-click opens.
 */
export function GraphCanvas(props: {
  graph: DependencyGraph;
  states: Map<string, NodeState>;
  highlight: GraphHighlight;
  selected?: string;
  onSelect: (entityRef: string | undefined) => void;
  onOpen: (entityRef: string) => void;
  label: string;
  height: number;
  /** Bumped to fit the whole graph into view again. */
  fitRequest?: number;
}) {
  const { graph, states, highlight, selected, onSelect, onOpen } = props;
  const theme = useTheme();
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core>();
  const callbacks = useRef({ onSelect, onOpen });
  callbacks.current = { onSelect, onOpen };

  const elements = useMemo(
    () => toElements(graph, states, highlight),
    [graph, states, highlight],
  );
  const style = useMemo(
    () =>
      graphStyle({
        text: theme.palette.text.primary,
        textOutline: theme.palette.background.paper,
        healthy: theme.palette.grey[500],
        edge: theme.palette.grey[400],
        path: theme.palette.secondary.main,
        suspect: '#6a1b9a',
        selected: theme.palette.primary.main,
      }),
    [theme],
  );

  useEffect(() => {
    const instance = cytoscape({
      container: container.current,
      elements,
      style,
      layout: {
        name: 'concentric',
        concentric: node => node.data('ring'),
        levelWidth: () => 1,
        minNodeSpacing: 18,
        animate: false,
        fit: true,
        padding: 24,
      },
      textureOnViewport: true,
      motionBlur: false,
      minZoom: 0.05,
      maxZoom: 1.6,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    instance.on('tap', 'node', event =>
      callbacks.current.onSelect(event.target.id()),
    );
    instance.on('tap', event => {
      if (event.target === instance) callbacks.current.onSelect(undefined);
    });
    instance.on('dbltap', 'node', event =>
      callbacks.current.onOpen(event.target.id()),
    );
    cy.current = instance;
    return () => {
      cy.current = undefined;
      instance.destroy();
    };
  }, [elements, style]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.nodes(':selected').unselect();
    if (selected) {
      const node = instance.getElementById(selected);
      if (node.nonempty()) {
        node.select();
        if (!isInView(instance, node)) instance.center(node);
      }
    }
  }, [selected, elements]);

  useEffect(() => {
    if (props.fitRequest) cy.current?.fit(undefined, 24);
  }, [props.fitRequest]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={props.label}
      data-testid="cloudops-graph-canvas"
      style={{ width: '100%', height: props.height }}
    />
  );
}

function isInView(instance: Core, node: cytoscape.NodeSingular): boolean {
  const { x, y } = node.renderedPosition();
  return x >= 0 && y >= 0 && x <= instance.width() && y <= instance.height();
}
