import { Worker } from 'node:worker_threads';

/**
 * Asks `worker` to close (posts it `request`) and waits for it to exit; one
 * still running after `timeoutMs` (stuck in a long call, say) is
 * terminated. The process waits meanwhile, even for an unreferenced
 * worker. Resolves to the exit code of a worker that exited by itself, or
 * to `undefined` for one that was terminated.
 */
export function closeWorker(
  worker: Worker,
  request: unknown,
  timeoutMs: number,
): Promise<number | undefined> {
  return new Promise(resolve => {
    let terminated = false;
    const timer = setTimeout(() => {
      terminated = true;
      worker.terminate();
    }, timeoutMs);
    worker.once('exit', code => {
      clearTimeout(timer);
      resolve(terminated ? undefined : code);
    });
    worker.ref();
    worker.postMessage(request);
  });
}
