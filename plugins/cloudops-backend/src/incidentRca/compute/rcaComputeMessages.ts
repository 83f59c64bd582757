import { RcaCompute } from './RcaCompute';
import { ErrorData, errorData } from './workerErrors';

/** The calls a worker thread takes: the {@link RcaCompute} methods. */
export type RcaComputeMethod = 'readSeries' | 'analyze' | 'release' | 'close';

/** The main thread's call. */
export interface RcaComputeCall {
  id: number;
  method: RcaComputeMethod;
  args: unknown[];
}

/** The worker's answer to a call (none to `release` and `close`). */
export type RcaComputeAnswer =
  | { id: number; result: unknown }
  | { id: number; error: ErrorData };

/** The worker's end of its channel to the main thread. */
export interface RcaComputePort {
  on(event: 'message', listener: (call: RcaComputeCall) => void): unknown;
  postMessage(answer: RcaComputeAnswer): void;
  close(): void;
}

/**
 * Answers calls arriving on `port` with `compute`, one at a time in their
 * order of arrival (a call's database read completes before the next
 * starts). At `close` the calls not started yet are dropped (the main
 * thread has failed them), and once the one in progress ends, `end` frees
 * what the worker holds (its database connection) and the port closes:
 * with nothing left to run, the thread exits.
 */
export function serveRcaCompute(
  port: RcaComputePort,
  compute: RcaCompute,
  end: () => Promise<void>,
): void {
  let queue = Promise.resolve();
  let closing = false;
  port.on('message', call => {
    if (closing) return;
    if (call.method === 'close') {
      closing = true;
      queue = queue.then(async () => {
        await compute.close();
        await end();
        port.close();
      });
      return;
    }
    queue = queue.then(async () => {
      if (closing) return;
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
        port.postMessage({ id: call.id, error: errorData(error) });
      }
    });
  });
}
