import { select } from 'd3-selection';
import {
  D3ZoomEvent,
  zoom,
  ZoomBehavior,
  zoomIdentity,
  ZoomTransform,
} from 'd3-zoom';
import { RefObject, useCallback, useEffect, useRef } from 'react';
import { SCALE_EXTENT } from './graphZoom';

/**
 * Pan and zoom on a canvas by d3-zoom (wheel, drag, pinch; double-click is
 * left to the canvas). The transform is kept in a ref, so zooming never
 * re-renders React; `onZoom` follows each change, including those made by
 * `zoomTo` and `panTo` (which do nothing until the behaviour is attached).
 */
export function useZoomPan(
  canvas: RefObject<HTMLCanvasElement>,
  onZoom: () => void,
) {
  const transform = useRef<ZoomTransform>(zoomIdentity);
  const behaviour = useRef<ZoomBehavior<HTMLCanvasElement, unknown>>();
  const latest = useRef(onZoom);
  latest.current = onZoom;

  useEffect(() => {
    const zoomed = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
        transform.current = event.transform;
        latest.current();
      });
    const selection = select(canvas.current!);
    selection.call(zoomed).on('dblclick.zoom', null);
    behaviour.current = zoomed;
    return () => {
      selection.on('.zoom', null);
    };
  }, [canvas]);

  /** Shows the view under `to`. */
  const zoomTo = useCallback(
    (to: ZoomTransform) => {
      if (behaviour.current && canvas.current) {
        behaviour.current.transform(select(canvas.current), to);
      }
    },
    [canvas],
  );
  /** Puts a point (graph units) in the middle, keeping the scale. */
  const panTo = useCallback(
    (x: number, y: number) => {
      if (behaviour.current && canvas.current) {
        behaviour.current.translateTo(select(canvas.current), x, y);
      }
    },
    [canvas],
  );

  return { transform, zoomTo, panTo };
}
