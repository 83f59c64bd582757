/**
 * The wait before attempt `attempt + 1`: exponential from `initialMs`,
 * capped at `maxMs`, with "equal jitter" (half fixed, half random) so that
 * deliveries failing together do not retry together. A receiver's
 * Retry-After wins when it is longer.
 */
export function backoffMs(
  attempt: number,
  options: { initialMs: number; maxMs: number; retryAfterMs?: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    options.maxMs,
    options.initialMs * 2 ** Math.max(0, attempt - 1),
  );
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(jittered, options.retryAfterMs ?? 0);
}
