import { ZoomTransform } from 'd3-zoom';
import { severityPalette } from '../shared/severityPalette';
import { DrawModel } from './drawModel';
import { GraphColors } from './graphColors';
import { GraphLayout, NODE_RADIUS } from './graphLayout';
import { CanvasSize, inView } from './graphZoom';

/** Labels are drawn only when at least this large on screen (px). */
const MIN_LABEL_PX = 7;
const LABEL_SIZE = 11;

type Visible = (p: { x: number; y: number }) => boolean;

/** The edges with `path` as given, in one stroke, each with an arrowhead. */
function drawEdges(
  ctx: CanvasRenderingContext2D,
  layout: GraphLayout,
  model: DrawModel,
  colors: GraphColors,
  visible: Visible,
  path: boolean,
) {
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
}

/** Each node: the selection's glow, its severity's fill, root and suspect rings. */
function drawNodes(
  ctx: CanvasRenderingContext2D,
  layout: GraphLayout,
  model: DrawModel,
  colors: GraphColors,
  visible: Visible,
  selected: string | undefined,
) {
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
}

/** Each node's label under it, with a halo, when large enough to read. */
function drawLabels(
  ctx: CanvasRenderingContext2D,
  layout: GraphLayout,
  model: DrawModel,
  colors: GraphColors,
  visible: Visible,
  scale: number,
) {
  if (LABEL_SIZE * scale < MIN_LABEL_PX) return;
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

/**
 * One frame of the graph under the zoom transform `t`: edges, the
 * root-cause path over them, nodes, then labels. Only what is in view is
 * drawn.
 */
export function drawGraph(
  ctx: CanvasRenderingContext2D,
  size: CanvasSize,
  t: ZoomTransform,
  layout: GraphLayout,
  model: DrawModel,
  colors: GraphColors,
  selected: string | undefined,
) {
  const { width, height, ratio } = size;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(ratio * t.k, 0, 0, ratio * t.k, ratio * t.x, ratio * t.y);
  const visible = inView(t, size, NODE_RADIUS * 2);
  drawEdges(ctx, layout, model, colors, visible, false);
  drawEdges(ctx, layout, model, colors, visible, true);
  drawNodes(ctx, layout, model, colors, visible, selected);
  drawLabels(ctx, layout, model, colors, visible, t.k);
}
