import { ZoomTransform } from 'd3-zoom';
import { MutableRefObject, RefObject, useEffect, useRef } from 'react';
import { GraphLayout, nodeAt } from './graphLayout';

/**
 * Pointer input on the nodes of a canvas: click selects the node under the
 * pointer (or nothing), double-click opens it, and the cursor shows whether
 * there is one. The layout and callbacks used are always the latest given.
 */
export function useNodePointer(
  canvas: RefObject<HTMLCanvasElement>,
  transform: MutableRefObject<ZoomTransform>,
  handlers: {
    layout: GraphLayout;
    onSelect: (entityRef: string | undefined) => void;
    onOpen: (entityRef: string) => void;
  },
) {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const element = canvas.current!;
    const pick = (event: MouseEvent) => {
      const rect = element.getBoundingClientRect();
      const t = transform.current;
      const [x, y] = t.invert([
        event.clientX - rect.left,
        event.clientY - rect.top,
      ]);
      return nodeAt(latest.current.layout, x, y, 4 / t.k);
    };
    const onClick = (event: MouseEvent) => latest.current.onSelect(pick(event));
    const onDoubleClick = (event: MouseEvent) => {
      const ref = pick(event);
      if (ref) latest.current.onOpen(ref);
    };
    const onMove = (event: MouseEvent) => {
      element.style.cursor = pick(event) ? 'pointer' : 'grab';
    };
    element.addEventListener('click', onClick);
    element.addEventListener('dblclick', onDoubleClick);
    element.addEventListener('mousemove', onMove);
    return () => {
      element.removeEventListener('click', onClick);
      element.removeEventListener('dblclick', onDoubleClick);
      element.removeEventListener('mousemove', onMove);
    };
  }, [canvas, transform]);
}
