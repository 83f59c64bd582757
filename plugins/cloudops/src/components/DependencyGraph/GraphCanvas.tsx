import { DependencyGraph } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { useEffect, useMemo, useRef } from 'react';
import { drawGraph } from './drawGraph';
import { drawModel } from './drawModel';
import { useGraphColors } from './graphColors';
import { concentricLayout } from './graphLayout';
import { GraphHighlight, NodeState } from './graphModel';
import { fitTransform, offScreen } from './graphZoom';
import { useCanvasSize } from './useCanvasSize';
import { useFrameScheduler } from './useFrameScheduler';
import { useNodePointer } from './useNodePointer';
import { useZoomPan } from './useZoomPan';

/**
 * The graph drawn on one canvas: a concentric layout computed once, pan and
 * zoom by d3-zoom (wheel, drag, pinch), only what is in view drawn, labels
 * dropped when too small to read, at most one redraw per animation frame.
 * Click selects a node, double-click opens it. Hundreds of nodes cost a few
 * milliseconds a frame (see BENCHMARKS.md).
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
  const { graph, states, highlight, selected, height } = props;
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  const layout = useMemo(() => concentricLayout(graph), [graph]);
  const model = useMemo(
    () => drawModel(graph, states, highlight),
    [graph, states, highlight],
  );
  const colors = useGraphColors();

  // What the next frame draws: the latest render's scene at the canvas's
  // size and zoom as they are then.
  const paint = useRef(() => {});
  const schedule = useFrameScheduler(() => paint.current());
  const size = useCanvasSize(container, canvas, height, schedule);
  const view = useZoomPan(canvas, schedule);
  useNodePointer(canvas, view.transform, {
    layout,
    onSelect: props.onSelect,
    onOpen: props.onOpen,
  });
  paint.current = () => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    drawGraph(
      ctx,
      size.current,
      view.transform.current,
      layout,
      model,
      colors,
      selected,
    );
    if (container.current) container.current.dataset.rendered = 'true';
  };

  // A new graph, or a request to fit: show all of it.
  const { zoomTo, panTo } = view;
  useEffect(() => {
    zoomTo(fitTransform(layout, size.current.width, size.current.height));
  }, [zoomTo, size, layout, props.fitRequest]);

  // A selection out of view is brought into the middle.
  useEffect(() => {
    const p = selected ? layout.positions.get(selected) : undefined;
    if (p && offScreen(view.transform.current, size.current, p)) {
      panTo(p.x, p.y);
    }
    schedule();
  }, [panTo, schedule, view.transform, size, selected, layout, model, colors]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={props.label}
      data-testid="cloudops-graph-canvas"
      style={{ width: '100%', height, touchAction: 'none' }}
    >
      <canvas ref={canvas} />
    </div>
  );
}
