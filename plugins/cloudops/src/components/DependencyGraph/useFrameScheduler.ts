import { useCallback, useRef } from 'react';

/**
 * A stable `schedule` that runs the latest `render` given at the next
 * animation frame: at most once a frame however often it is called.
 */
export function useFrameScheduler(render: () => void): () => void {
  const latest = useRef(render);
  latest.current = render;
  const frame = useRef<number>();
  return useCallback(() => {
    if (frame.current !== undefined) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      latest.current();
    });
  }, []);
}
