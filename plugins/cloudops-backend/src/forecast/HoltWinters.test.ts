import { SeededRandom } from '../random/SeededRandom';
import { FORECAST_WARMUP, HoltWinters } from './HoltWinters';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function model(values: (i: number) => number, count: number, step = MINUTE) {
  const m = new HoltWinters(
    HoltWinters.initial({ timestamp: 0, value: values(0) }),
  );
  for (let i = 1; i < count; i++) m.update(i * step, values(i));
  return m;
}

describe('HoltWinters', () => {
  it('is not ready until it has seen enough points', () => {
    expect(model(() => 1, FORECAST_WARMUP - 1).ready).toBe(false);
    expect(model(() => 1, FORECAST_WARMUP).ready).toBe(true);
  });

  it('extrapolates a trend, with bounds that widen with the horizon', () => {
    const random = SeededRandom.fromSeed(1);
    const m = model(i => 10 + 0.1 * i + random.gaussian(), 600);
    const points = m.forecast(HOUR);
    expect(points).toHaveLength(60);
    const last = points[points.length - 1];
    // 600 + 60 minutes ahead: 10 + 0.1·659 = 75.9
    expect(last.timestamp).toBe(599 * MINUTE + HOUR);
    expect(last.mean).toBeGreaterThan(70);
    expect(last.mean).toBeLessThan(82);
    expect(last.lower).toBeLessThan(last.mean);
    expect(last.upper - last.lower).toBeGreaterThan(
      points[0].upper - points[0].lower,
    );
  });

  it('keeps a flat, noiseless series flat with tight bounds', () => {
    const points = model(() => 42, 300).forecast(30 * MINUTE);
    for (const p of points) {
      expect(p.mean).toBeCloseTo(42, 6);
      expect(p.upper - p.lower).toBeLessThan(1e-6);
    }
  });

  it('measures steps in the series interval and ignores replays and NaN', () => {
    const m = model(i => i, 200, 5 * MINUTE);
    const state = JSON.stringify(m.state);
    m.update(100 * 5 * MINUTE, 1e6);
    m.update(300 * 5 * MINUTE, NaN);
    expect(JSON.stringify(m.state)).toBe(state);
    // one point per interval up to the horizon
    expect(m.forecast(HOUR)).toHaveLength(12);
    // a gap: after it the trend carries on per interval, not per point
    m.update(260 * 5 * MINUTE, 260);
    expect(m.forecast(5 * MINUTE)[0].mean).toBeCloseTo(261, 0);
  });

  it('follows the time of day once it has seen two days', () => {
    const day = 24 * 60;
    const m = model(i => 50 + 20 * Math.sin((2 * Math.PI * i) / day), 4 * day);
    const points = m.forecast(6 * HOUR);
    const expected = (t: number) =>
      50 + 20 * Math.sin((2 * Math.PI * (t / MINUTE)) / day);
    for (const p of points.filter((_, i) => i % 60 === 0)) {
      expect(Math.abs(p.mean - expected(p.timestamp))).toBeLessThan(8);
    }
  });
});
