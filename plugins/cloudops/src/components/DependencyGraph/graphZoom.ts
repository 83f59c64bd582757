import { zoomIdentity, ZoomTransform } from 'd3-zoom';
import { GraphLayout, NODE_RADIUS } from './graphLayout';

/** A canvas's size in CSS pixels, and the screen's pixel ratio. */
export interface CanvasSize {
  width: number;
  height: number;
  ratio: number;
}

type Point = { x: number; y: number };

/** How far out and in the view zooms. */
export const SCALE_EXTENT: [number, number] = [0.02, 4];

/** The transform that shows the whole layout in a `width` × `height` canvas. */
export function fitTransform(
  layout: GraphLayout,
  width: number,
  height: number,
): ZoomTransform {
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

/**
 * Whether a point (graph units) is in the canvas under the transform, or
 * within `margin` (graph units) of it.
 */
export function inView(
  t: ZoomTransform,
  size: CanvasSize,
  margin: number,
): (p: Point) => boolean {
  const [x0, y0] = t.invert([0, 0]);
  const [x1, y1] = t.invert([size.width, size.height]);
  return p =>
    p.x > x0 - margin &&
    p.x < x1 + margin &&
    p.y > y0 - margin &&
    p.y < y1 + margin;
}

/** Whether a point (graph units) falls outside the canvas under the transform. */
export function offScreen(
  t: ZoomTransform,
  size: CanvasSize,
  p: Point,
): boolean {
  const [x, y] = t.apply([p.x, p.y]);
  return x < 0 || y < 0 || x > size.width || y > size.height;
}
