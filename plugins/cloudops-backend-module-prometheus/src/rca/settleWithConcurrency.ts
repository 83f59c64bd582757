/**
 * Runs `tasks` with at most `concurrency` at a time and settles each, as
 * `Promise.allSettled` does. Once `signal` is aborted, the tasks not yet
 * started are not started: they settle rejected with its reason.
 */
export async function settleWithConcurrency<T>(
  tasks: ReadonlyArray<() => Promise<T>>,
  concurrency: number,
  signal?: AbortSignal,
): Promise<Array<PromiseSettledResult<T>>> {
  const results: Array<PromiseSettledResult<T>> = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try {
        signal?.throwIfAborted();
        results[i] = { status: 'fulfilled', value: await tasks[i]() };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, worker),
  );
  return results;
}
