import { SeededRandom } from '../../random/SeededRandom';
import { UNIVARIATE_WARMUP, UnivariateDetector } from './UnivariateDetector';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5);

/** Feeds values a minute apart; returns the verdicts. */
function run(detector: UnivariateDetector, values: number[], from = 0) {
  return values.map((value, i) =>
    detector.update(START + (from + i) * MINUTE, value),
  );
}

function noisy(count: number, seed = 1, level = 50, noise = 2): number[] {
  const random = SeededRandom.fromSeed(seed);
  return Array.from({ length: count }, () => level + noise * random.gaussian());
}

function fresh(first = 50) {
  return new UnivariateDetector(
    UnivariateDetector.initial({ timestamp: START, value: first }),
  );
}

function tails(verdicts: ReturnType<UnivariateDetector['update']>[]) {
  return verdicts.map(v => (v.ready ? v.tail : 1));
}

describe('UnivariateDetector', () => {
  it('says it is in cold start until it has enough history', () => {
    const verdicts = run(fresh(), noisy(UNIVARIATE_WARMUP));
    expect(verdicts[0]).toEqual({
      ready: false,
      reason: `cold start: 1 of ${UNIVARIATE_WARMUP} points`,
    });
    expect(verdicts[UNIVARIATE_WARMUP - 2].ready).toBe(false);
    expect(verdicts[UNIVARIATE_WARMUP - 1].ready).toBe(true);
  });

  it('scores a spike in a noisy series as very unlikely, and ordinary points not', () => {
    const detector = fresh();
    const history = tails(run(detector, noisy(1000)));
    const ordinary = history.slice(UNIVARIATE_WARMUP);
    expect(Math.min(...ordinary)).toBeGreaterThan(1e-5);
    const [spike] = run(detector, [80], 1000);
    expect(spike).toMatchObject({ ready: true });
    if (!spike.ready) throw new Error('not ready');
    expect(spike.tail).toBeLessThan(1e-6);
    expect(spike.likelihood).toBeGreaterThan(0.999999);
    expect(spike.logScore).toBeGreaterThan(0.6);
  });

  it('handles a constant series, and flags the first change in it', () => {
    const detector = fresh(7);
    const verdicts = run(detector, new Array(600).fill(7));
    expect(verdicts[599]).toMatchObject({ ready: true, expected: 7 });
    expect(tails(verdicts).every(t => Number.isFinite(t) && t > 0.01)).toBe(
      true,
    );
    const [change] = tails(run(detector, [9], 600));
    expect(change).toBeLessThan(1e-6);
  });

  it('refuses non-finite values without learning from them', () => {
    const detector = fresh();
    run(detector, noisy(400));
    const before = JSON.stringify(detector.state);
    expect(detector.update(START + 400 * MINUTE, NaN)).toEqual({
      ready: false,
      reason: 'not a finite value',
    });
    expect(detector.update(START + 401 * MINUTE, Infinity).ready).toBe(false);
    expect(JSON.stringify(detector.state)).toBe(before);
  });

  it('does not learn from a point that is not after the last one (a replay)', () => {
    const detector = fresh();
    run(detector, noisy(400));
    const last = detector.update(START + 400 * MINUTE, 51);
    const before = JSON.stringify(detector.state);
    expect(detector.update(START + 400 * MINUTE, 51)).toEqual(last);
    expect(detector.update(START + 10 * MINUTE, 500)).toEqual(last);
    expect(JSON.stringify(detector.state)).toBe(before);
  });

  it('carries on across a gap in the data', () => {
    const detector = fresh();
    run(detector, noisy(600));
    // three days of silence, then the same behaviour
    const after = tails(run(detector, noisy(50, 2), 600 + 3 * 24 * 60));
    expect(Math.min(...after)).toBeGreaterThan(1e-4);
  });

  it('learns the time of day: a value normal at noon is anomalous at midnight', () => {
    const detector = fresh(0);
    const random = SeededRandom.fromSeed(3);
    const daily = (minute: number) =>
      Math.sin((2 * Math.PI * minute) / (24 * 60)) * 100 + random.gaussian();
    const fiveDays = 5 * 24 * 60;
    const values = Array.from({ length: fiveDays }, (_, m) => daily(m));
    const history = run(detector, values);
    expect(history[fiveDays - 1]).toMatchObject({ model: 'daily' });
    // at minute 0 of day 6 the series is near 0; 100 is its noon peak
    const [wrong] = run(detector, [100], fiveDays);
    expect(wrong).toMatchObject({ ready: true });
    expect(wrong.ready && wrong.tail).toBeLessThan(1e-6);
  });

  it('continues from a state saved before it remembered times of day', () => {
    const detector = fresh();
    run(detector, noisy(500));
    const saved = JSON.parse(JSON.stringify(detector.state));
    delete saved.recurring;
    const restored = new UnivariateDetector(saved);
    const [next] = run(restored, [50], 500);
    expect(next).toMatchObject({ ready: true });
    expect(restored.state.recurring?.size).toHaveLength(48);
  });

  it('continues identically from serialised state (a restart or another replica)', () => {
    const values = noisy(800);
    const original = fresh();
    run(original, values.slice(0, 500));
    const restored = new UnivariateDetector(
      JSON.parse(JSON.stringify(original.state)),
    );
    expect(run(restored, values.slice(500), 500)).toEqual(
      run(original, values.slice(500), 500),
    );
  });
});
