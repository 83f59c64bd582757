import { DependencyGraph } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { useTheme } from '@material-ui/core/styles';
import { select } from 'd3-selection';
import {
  D3ZoomEvent,
  zoom,
  ZoomBehavior,
  zoomIdentity,
  ZoomTransform,
} from 'd3-zoom';
import { useEffect, useMemo, useRef } from 'react';
import { severityPalette } from '../shared/severityPalette';
import { drawModel, DrawModel } from './drawModel';
import {
  concentricLayout,
  GraphLayout,
  NODE_RADIUS,
  nodeAt,
} from './graphLayout';
import { GraphHighlight, NodeState } from './graphModel';

/** Labels are drawn only when at least this large on screen (px). */
const MIN_LABEL_PX = 7;
const LABEL_SIZE = 11;

interface Colors {
  text: string;
  halo: string;
  healthy: string;
  edge: string;
  path: string;
  suspect: string;
  selected: string;
}

/** The transform that shows the whole layout in a `width` × `height` canvas. */
function fitTransform(layout: GraphLayout, width: number, height: number) {
  const { minX, minY, maxX, maxY } = layout.bounds;
  const pad = NODE_RADIUS * 4;
  const k = Math.min(
    1.6,
    width / (maxX - minX + 2 * pad),
    height / (maxY - minY + 2 * pad),
  );
  return zoomIdentity
    .translate(width / 2, height / 2)
    .scale(k)
    .translate(-(minX + maxX) / 2, -(minY + maxY) / 2);
}

function draw(
  ctx: CanvasRenderingContext2D,
  size: { width: number; height: number; ratio: number },
  t: ZoomTransform,
  layout: GraphLayout,
  model: DrawModel,
  colors: Colors,
  selected: string | undefined,
) {
  const { width, height, ratio } = size;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(ratio * t.k, 0, 0, ratio * t.k, ratio * t.x, ratio * t.y);
  // Only what is in view is drawn (culling, in graph units).
  const [x0, y0] = t.invert([0, 0]);
  const [x1, y1] = t.invert([width, height]);
  const margin = NODE_RADIUS * 2;
  const visible = (p: { x: number; y: number }) =>
    p.x > x0 - margin &&
    p.x < x1 + margin &&
    p.y > y0 - margin &&
    p.y < y1 + margin;

  const edgePass = (path: boolean) => {
    ctx.beginPath();
    for (const edge of model.edges) {
      if (edge.path !== path) continue;
      const a = layout.positions.get(edge.from);
      const b = layout.positions.get(edge.to);
      if (!a || !b || (!visible(a) && !visible(b))) continue;
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      // An arrowhead at the target: `from` needs `to`.
      const angle = Math.atan2(b.y - a.y, b.x - a.x);
      const tipX = b.x - Math.cos(angle) * NODE_RADIUS;
      const tipY = b.y - Math.sin(angle) * NODE_RADIUS;
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(
        tipX - 7 * Math.cos(angle - 0.4),
        tipY - 7 * Math.sin(angle - 0.4),
      );
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(
        tipX - 7 * Math.cos(angle + 0.4),
        tipY - 7 * Math.sin(angle + 0.4),
      );
    }
    ctx.strokeStyle = path ? colors.path : colors.edge;
    ctx.lineWidth = path ? 4 : 1.25;
    ctx.stroke();
  };
  edgePass(false);
  edgePass(true);

  for (const node of model.nodes) {
    const p = layout.positions.get(node.ref);
    if (!p || !visible(p)) continue;
    const radius = node.root ? NODE_RADIUS * 1.5 : NODE_RADIUS;
    if (node.ref === selected) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, radius + 8, 0, 2 * Math.PI);
      ctx.fillStyle = colors.selected;
      ctx.globalAlpha = 0.35;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.beginPath();
    ctx.arc(p.x, p.y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = node.severity
      ? severityPalette[node.severity].background
      : colors.healthy;
    ctx.fill();
    if (node.root) {
      ctx.lineWidth = 4;
      ctx.strokeStyle = colors.text;
      ctx.setLineDash([]);
      ctx.stroke();
    }
    if (node.suspect) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, radius + 4, 0, 2 * Math.PI);
      ctx.lineWidth = 3;
      ctx.strokeStyle = colors.suspect;
      ctx.setLineDash([5, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  if (LABEL_SIZE * t.k >= MIN_LABEL_PX) {
    ctx.font = `${LABEL_SIZE}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineWidth = 3;
    ctx.strokeStyle = colors.halo;
    ctx.fillStyle = colors.text;
    for (const node of model.nodes) {
      const p = layout.positions.get(node.ref);
      if (!p || !visible(p)) continue;
      const y = p.y + (node.root ? NODE_RADIUS * 1.5 : NODE_RADIUS) + 5;
      ctx.strokeText(node.label, p.x, y);
      ctx.fillText(node.label, p.x, y);
    }
  }
}

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
  const theme = useTheme();
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;

  const layout = useMemo(() => concentricLayout(graph), [graph]);
  const model = useMemo(
    () => drawModel(graph, states, highlight),
    [graph, states, highlight],
  );
  const colors = useMemo<Colors>(
    () => ({
      text: theme.palette.text.primary,
      halo: theme.palette.background.paper,
      healthy: theme.palette.grey[500],
      edge: theme.palette.grey[400],
      path: theme.palette.secondary.main,
      suspect: '#6a1b9a',
      selected: theme.palette.primary.main,
    }),
    [theme],
  );

  // What the next frame draws; kept in a ref so zooming never re-renders React.
  const scene = useRef({ layout, model, colors, selected });
  scene.current = { layout, model, colors, selected };
  const view = useRef<{
    transform: ZoomTransform;
    behaviour?: ZoomBehavior<HTMLCanvasElement, unknown>;
    frame?: number;
    size: { width: number; height: number; ratio: number };
  }>({ transform: zoomIdentity, size: { width: 0, height, ratio: 1 } });

  const schedule = () => {
    const v = view.current;
    if (v.frame !== undefined) return;
    v.frame = requestAnimationFrame(() => {
      v.frame = undefined;
      const ctx = canvas.current?.getContext('2d');
      if (!ctx) return;
      const s = scene.current;
      draw(ctx, v.size, v.transform, s.layout, s.model, s.colors, s.selected);
      if (container.current) container.current.dataset.rendered = 'true';
    });
  };

  // Size the canvas to its container (and the screen's pixel ratio).
  useEffect(() => {
    const element = canvas.current!;
    const resize = () => {
      const width = container.current?.clientWidth ?? 0;
      const ratio = window.devicePixelRatio || 1;
      view.current.size = { width, height, ratio };
      element.width = Math.round(width * ratio);
      element.height = Math.round(height * ratio);
      element.style.width = `${width}px`;
      element.style.height = `${height}px`;
      schedule();
    };
    resize();
    const observer =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(resize);
    observer?.observe(container.current!);
    return () => observer?.disconnect();
  }, [height]);

  // Pan and zoom; click and double-click on nodes.
  useEffect(() => {
    const element = canvas.current!;
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
        view.current.transform = event.transform;
        schedule();
      });
    const selection = select(element);
    selection.call(behaviour).on('dblclick.zoom', null);
    view.current.behaviour = behaviour;
    const pick = (event: MouseEvent) => {
      const rect = element.getBoundingClientRect();
      const t = view.current.transform;
      const [x, y] = t.invert([
        event.clientX - rect.left,
        event.clientY - rect.top,
      ]);
      return nodeAt(scene.current.layout, x, y, 4 / t.k);
    };
    const onClick = (event: MouseEvent) =>
      callbacks.current.onSelect(pick(event));
    const onDoubleClick = (event: MouseEvent) => {
      const ref = pick(event);
      if (ref) callbacks.current.onOpen(ref);
    };
    const onMove = (event: MouseEvent) => {
      element.style.cursor = pick(event) ? 'pointer' : 'grab';
    };
    element.addEventListener('click', onClick);
    element.addEventListener('dblclick', onDoubleClick);
    element.addEventListener('mousemove', onMove);
    return () => {
      selection.on('.zoom', null);
      element.removeEventListener('click', onClick);
      element.removeEventListener('dblclick', onDoubleClick);
      element.removeEventListener('mousemove', onMove);
    };
  }, []);

  // A new graph, or a request to fit: show all of it.
  useEffect(() => {
    const { behaviour, size } = view.current;
    if (!behaviour || !canvas.current) return;
    behaviour.transform(
      select(canvas.current),
      fitTransform(layout, size.width, size.height),
    );
  }, [layout, props.fitRequest]);

  // A selection out of view is brought into the middle.
  useEffect(() => {
    const { behaviour, transform, size } = view.current;
    const p = selected ? layout.positions.get(selected) : undefined;
    if (behaviour && p && canvas.current) {
      const [x, y] = transform.apply([p.x, p.y]);
      if (x < 0 || y < 0 || x > size.width || y > size.height) {
        behaviour.translateTo(select(canvas.current), p.x, p.y);
      }
    }
    schedule();
  }, [selected, layout, model, colors]);

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
