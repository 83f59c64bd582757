/**
 * An error as plain data, to cross from the RCA worker thread to the main
 * thread (`postMessage` would keep little of an Error and none of its own
 * fields): its name, message, stack and chain of causes.
 */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  cause?: ErrorData;
}

/** Causes kept at most: a longer chain, or a cycle, is cut there. */
const MAX_CAUSES = 5;

/** Where the worker's frames start in the stack of a rebuilt error. */
const WORKER_FRAMES = '    [in RCA worker] ';

/** `error` (anything thrown) as data, with its causes up to {@link MAX_CAUSES}. */
export function errorData(error: unknown, causes = MAX_CAUSES): ErrorData {
  if (!(error instanceof Error)) {
    return { name: 'Error', message: String(error) };
  }
  const { name, message, stack, cause } = error;
  return {
    name,
    message,
    ...(typeof stack === 'string' && { stack }),
    ...(cause !== undefined &&
      causes > 0 && { cause: errorData(cause, causes - 1) }),
  };
}

/**
 * An Error of this thread from the worker's `data`, with its name, message
 * and causes; its stack is this thread's frames, then the worker's.
 */
export function errorFromWorker(data: ErrorData): Error {
  const error = new Error(
    data.message,
    data.cause && { cause: errorFromWorker(data.cause) },
  );
  error.name = data.name;
  // Taken again now that the name is set, for the stack's first line.
  Error.captureStackTrace(error, errorFromWorker);
  if (data.stack) error.stack += `\n${WORKER_FRAMES}${data.stack}`;
  return error;
}
