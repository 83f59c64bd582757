import { zoomIdentity } from 'd3-zoom';
import { GraphLayout, NODE_RADIUS } from './graphLayout';
import { fitTransform, inView, offScreen } from './graphZoom';

/** A layout whose positions span the given bounds. */
function spanning(minX: number, minY: number, maxX: number, maxY: number) {
  return {
    positions: new Map([
      ['a', { x: minX, y: minY }],
      ['b', { x: maxX, y: maxY }],
    ]),
    bounds: { minX, minY, maxX, maxY },
  } as GraphLayout;
}

const size = { width: 800, height: 400, ratio: 1 };

describe('fitTransform', () => {
  it('centres the layout and scales it to fit the tighter side, with padding', () => {
    const layout = spanning(-500, -100, 500, 100);
    const t = fitTransform(layout, size.width, size.height);
    const pad = NODE_RADIUS * 4;
    expect(t.k).toBeCloseTo(800 / (1000 + 2 * pad));
    expect(t.apply([0, 0])).toEqual([400, 200]);
    // Both ends, with their padding, are on the canvas.
    const [left] = t.apply([-500 - pad, 0]);
    const [right] = t.apply([500 + pad, 0]);
    expect(left).toBeCloseTo(0);
    expect(right).toBeCloseTo(800);
  });

  it('does not blow a small layout up beyond 1.6 times', () => {
    const t = fitTransform(spanning(0, 0, 20, 10), size.width, size.height);
    expect(t.k).toBe(1.6);
    expect(t.apply([10, 5])).toEqual([400, 200]);
  });
});

describe('inView', () => {
  it('keeps points on the canvas or within the margin of it, in graph units', () => {
    const t = zoomIdentity.translate(100, 0).scale(2);
    // The canvas shows x from -50 to 350 and y from 0 to 200 graph units.
    const visible = inView(t, size, 10);
    expect(visible({ x: 0, y: 100 })).toBe(true);
    expect(visible({ x: -55, y: 100 })).toBe(true);
    expect(visible({ x: -65, y: 100 })).toBe(false);
    expect(visible({ x: 355, y: 205 })).toBe(true);
    expect(visible({ x: 100, y: 215 })).toBe(false);
  });
});

describe('offScreen', () => {
  it('tells whether a point falls outside the canvas under the transform', () => {
    const t = zoomIdentity.translate(-400, 0);
    expect(offScreen(t, size, { x: 500, y: 100 })).toBe(false);
    expect(offScreen(t, size, { x: 300, y: 100 })).toBe(true);
    expect(offScreen(t, size, { x: 500, y: 401 })).toBe(true);
    expect(offScreen(zoomIdentity, size, { x: 800, y: 400 })).toBe(false);
  });
});
