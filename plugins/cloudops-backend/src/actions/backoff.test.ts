import { backoffMs } from './backoff';

describe('backoffMs', () => {
  const options = { initialMs: 1000, maxMs: 60_000 };

  it('doubles per attempt between half and all of the step, up to the cap', () => {
    expect(backoffMs(1, options, () => 0)).toBe(500);
    expect(backoffMs(1, options, () => 1)).toBe(1000);
    expect(backoffMs(4, options, () => 0)).toBe(4000);
    expect(backoffMs(4, options, () => 1)).toBe(8000);
    expect(backoffMs(20, options, () => 1)).toBe(60_000);
  });

  it('spreads retries of deliveries that failed together', () => {
    const waits = new Set(
      Array.from({ length: 50 }, () => Math.round(backoffMs(3, options))),
    );
    expect(waits.size).toBeGreaterThan(10);
    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(2000);
      expect(w).toBeLessThanOrEqual(4000);
    }
  });

  it('waits at least as long as the receiver asked', () => {
    expect(backoffMs(1, { ...options, retryAfterMs: 30_000 }, () => 1)).toBe(
      30_000,
    );
  });
});
