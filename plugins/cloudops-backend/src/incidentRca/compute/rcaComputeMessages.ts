import { RcaCompute } from './RcaCompute';

/** The calls a worker thread answers: the {@link RcaCompute} methods. */
export type RcaComputeMethod = 'readSeries' | 'analyze' | 'release';

/** The main thread's call. */
export interface RcaComputeCall {
  id: number;
  method: RcaComputeMethod;
  args: unknown[];
}

/** The worker's answer to a call (none to `release`). */
export type RcaComputeAnswer =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string } };

/**
 * Answers calls arriving on `port` with `compute`, one at a time in their
 * order of arrival (a call's database read completes before the next
 * starts).
 */
export function serveRcaCompute(
  port: {
    on(event: 'message', listener: (call: RcaComputeCall) => void): unknown;
    postMessage(answer: RcaComputeAnswer): void;
  },
  compute: RcaCompute,
): void {
  let queue = Promise.resolve();
  port.on('message', call => {
    queue = queue.then(async () => {
      try {
        if (call.method === 'release') {
          compute.release(call.args[0] as number);
          return;
        }
        const result =
          call.method === 'readSeries'
            ? await compute.readSeries(
                ...(call.args as Parameters<RcaCompute['readSeries']>),
              )
            : await compute.analyze(
                ...(call.args as Parameters<RcaCompute['analyze']>),
              );
        port.postMessage({ id: call.id, result });
      } catch (error) {
        const { name, message } =
          error instanceof Error ? error : new Error(String(error));
        port.postMessage({ id: call.id, error: { name, message } });
      }
    });
  });
}
