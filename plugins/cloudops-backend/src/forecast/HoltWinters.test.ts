import { DetectorStateStore } from '../database/DetectorStateStore';
import { BuiltinForecaster } from '../detectors/BuiltinForecaster';
import { SeededRandom } from '../random/SeededRandom';
import { FORECAST_WARMUP, HoltWinters, HoltWintersState } from './HoltWinters';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every number of a state, the season's included. */
function numbers(state: HoltWintersState): number[] {
  return Object.values(state).flatMap(v => (Array.isArray(v) ? v : [v]));
}

/** The series 50 ± 1 (seeded), with `at(i)` instead where it says. */
function noisy(at: (i: number) => number | undefined = () => undefined) {
  const random = SeededRandom.fromSeed(3);
  return (i: number) => at(i) ?? 50 + 2 * (random.next() - 0.5);
}

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

  it('forecasts a point exactly at a horizon shorter than the interval', () => {
    const m = model(i => i, 200, 10 * MINUTE);
    const [point, ...more] = m.forecast(5 * MINUTE);
    expect(more).toEqual([]);
    expect(point.timestamp).toBe(199 * 10 * MINUTE + 5 * MINUTE);
    expect(point.mean).toBeCloseTo(199.5, 2);
    // a gap raises the estimated interval above a horizon of one interval
    m.update(230 * 10 * MINUTE, 230);
    const points = m.forecast(10 * MINUTE);
    expect(points[points.length - 1].timestamp).toBe(231 * 10 * MINUTE);
  });

  it('is not thrown by a spike: one point at 500 on 50 ± 1', () => {
    const values = noisy(i => (i === 2000 ? 500 : undefined));
    const m = model(values, 2000);
    const uppers: number[] = [];
    for (let i = 2000; i < 2300; i++) {
      m.update(i * MINUTE, values(i));
      uppers.push(Math.max(...m.forecast(30 * MINUTE).map(p => p.upper)));
    }
    expect(Math.max(...uppers)).toBeLessThan(60);
  });

  it('still follows a lasting shift', () => {
    const m = model(
      noisy(i => (i >= 1000 ? 80 + (i % 2) : undefined)),
      1100,
    );
    const [point] = m.forecast(MINUTE);
    expect(Math.abs(point.mean - 80.5)).toBeLessThan(1);
  });

  it('keeps its state finite: a value near 1e160 after warm-up is clipped', () => {
    const m = model(
      noisy(i => (i === 500 ? 1e160 : undefined)),
      600,
    );
    expect(numbers(m.state).every(Number.isFinite)).toBe(true);
    for (const p of m.forecast(30 * MINUTE)) {
      expect(p.upper).toBeLessThan(60);
      expect(p.lower).toBeGreaterThan(40);
    }
  });

  it('starts afresh, saying why, from a value that would overflow its state', () => {
    const m = model(noisy(), 10);
    expect(m.update(10 * MINUTE, 1e160)).toBe(
      'the value 1e+160 made the forecast state non-finite; it starts afresh from the point at 1970-01-01T00:10:00.000Z',
    );
    expect(m.state.count).toBe(1);
    const values = noisy();
    const replies = [];
    for (let i = 11; i < 300; i++)
      replies.push(m.update(i * MINUTE, values(i)));
    // the next values, far from 1e160, overflow it once more, and no more
    expect(replies.filter(Boolean)).toHaveLength(1);
    expect(m.ready).toBe(true);
    expect(numbers(m.state).every(Number.isFinite)).toBe(true);
    expect(m.forecast(30 * MINUTE)[29].upper).toBeLessThan(60);
  });

  it('saves only finite numbers and revives to the same forecasts', () => {
    const m = model(
      noisy(i => (i === 7 || i === 400 ? 1e160 : undefined)),
      500,
    );
    const json = JSON.stringify(m.state);
    expect(json).not.toContain('null');
    const revived = new HoltWinters(JSON.parse(json));
    expect(revived.forecast(HOUR)).toEqual(m.forecast(HOUR));
  });

  it('empties a saved state with non-finite numbers (saved as null)', () => {
    const saved = JSON.stringify(model(noisy(), 200).state);
    const m = new HoltWinters({ ...JSON.parse(saved), errorVariance: null });
    expect(m.ready).toBe(false);
    expect(numbers(m.state).every(Number.isFinite)).toBe(true);
    expect(m.update(199 * MINUTE, 50)).toBeUndefined(); // a replay
    expect(m.update(200 * MINUTE, 50)).toBe(
      'the saved forecast state was not usable (errorVariance is null); it starts afresh from the point at 1970-01-01T03:20:00.000Z',
    );
    expect(m.state).toEqual(
      HoltWinters.initial({ timestamp: 200 * MINUTE, value: 50 }),
    );
    expect(m.update(201 * MINUTE, 50)).toBeUndefined();
    const season = JSON.parse(saved);
    season.season[3] = null;
    expect(new HoltWinters(season).update(200 * MINUTE, 50)).toMatch(
      /^the saved forecast state was not usable \(season bucket 3 is null\)/,
    );
  });

  it('makes the built-in forecaster start such a series afresh, and say so', async () => {
    const state = { ...model(noisy(), 200).state, errorVariance: null };
    const store = {
      load: async (_kind: string, seriesId: string) => ({
        seriesId,
        state: JSON.stringify(state),
        lastTimestamp: 199 * MINUTE,
      }),
    } as unknown as DetectorStateStore;
    const onWarning = jest.fn();
    const forecaster = new BuiltinForecaster({ store, onWarning });
    const point = { timestamp: 200 * MINUTE, value: 50 };
    await forecaster.forecast('s', point, HOUR);
    await forecaster.cache.loaded('s');
    expect(
      await forecaster.forecast(
        's',
        { ...point, timestamp: 201 * MINUTE },
        HOUR,
      ),
    ).toEqual({ ready: false, reason: 'cold start: 2 of 100 points' });
    expect(onWarning).toHaveBeenCalledWith(
      expect.stringMatching(
        /^The forecast of s started afresh: the saved forecast state was not usable \(errorVariance is null\)/,
      ),
    );
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
