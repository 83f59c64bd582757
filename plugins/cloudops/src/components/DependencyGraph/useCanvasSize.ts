import { MutableRefObject, RefObject, useEffect, useRef } from 'react';
import { CanvasSize } from './graphZoom';

/**
 * Sizes the canvas to its container's width, `height` tall, at the screen's
 * pixel ratio, again whenever the container resizes; `onResize` follows each
 * change. The size is kept in a ref: resizing never re-renders React.
 */
export function useCanvasSize(
  container: RefObject<HTMLDivElement>,
  canvas: RefObject<HTMLCanvasElement>,
  height: number,
  onResize: () => void,
): MutableRefObject<CanvasSize> {
  const size = useRef<CanvasSize>({ width: 0, height, ratio: 1 });
  const latest = useRef(onResize);
  latest.current = onResize;
  useEffect(() => {
    const element = canvas.current!;
    const resize = () => {
      const width = container.current?.clientWidth ?? 0;
      const ratio = window.devicePixelRatio || 1;
      size.current = { width, height, ratio };
      element.width = Math.round(width * ratio);
      element.height = Math.round(height * ratio);
      element.style.width = `${width}px`;
      element.style.height = `${height}px`;
      latest.current();
    };
    resize();
    const observer =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(resize);
    observer?.observe(container.current!);
    return () => observer?.disconnect();
  }, [container, canvas, height]);
  return size;
}
