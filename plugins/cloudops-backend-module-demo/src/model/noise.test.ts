import { gaussian, seedOf, uniform } from './noise';

describe('deterministic noise', () => {
  it('gives the same value for the same series and sample, in any order', () => {
    const seed = seedOf('component:default/checkout-service|cpu');
    const forward = Array.from({ length: 100 }, (_, i) => gaussian(seed, i));
    const backward = Array.from({ length: 100 }, (_, i) =>
      gaussian(seed, 99 - i),
    ).reverse();
    expect(backward).toEqual(forward);
    expect(gaussian(seedOf('other'), 5)).not.toBe(forward[5]);
  });

  it('is uniform in (0, 1) and standard normal, with no correlation between neighbours', () => {
    const seed = seedOf('stats');
    const n = 20_000;
    const u = Array.from({ length: n }, (_, i) =>
      uniform(seed, i + 29_000_000),
    );
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const g = Array.from({ length: n }, (_, i) =>
      gaussian(seed, i + 29_000_000),
    );
    const mean = g.reduce((a, b) => a + b, 0) / n;
    const variance = g.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeGreaterThan(0.95);
    expect(variance).toBeLessThan(1.05);
    let lag = 0;
    for (let i = 1; i < n; i++) lag += (g[i] - mean) * (g[i - 1] - mean);
    expect(Math.abs(lag / n / variance)).toBeLessThan(0.03);
    // Tails as a normal's: about 0.27% beyond 3 sigma.
    const beyond = g.filter(x => Math.abs(x) > 3).length / n;
    expect(beyond).toBeGreaterThan(0.001);
    expect(beyond).toBeLessThan(0.005);
  });
});
