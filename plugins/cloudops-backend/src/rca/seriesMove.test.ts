import { RCA_ENGINE_CONFIG } from './engineConfig';
import { prepareSeries } from './prepareSeries';
import { measureMove } from './seriesMove';
import { FAULT, series, times } from './__testUtils__/series';

function move(s: ReturnType<typeof series>, config = RCA_ENGINE_CONFIG) {
  return measureMove(prepareSeries(s, FAULT)!, FAULT, config);
}

describe('measureMove', () => {
  it('measures a rise against the baseline in MAD units, with its onset', () => {
    const m = move(
      series('a', 'latency', 100, [...times(3, 100), ...times(20, 130)]),
    );
    expect(m).toMatchObject({
      direction: 'rise',
      baseline: expect.closeTo(100, 0),
      peak: 130,
      onset: 30,
      propagates: true,
    });
    expect(m!.deviation).toBeGreaterThan(RCA_ENGINE_CONFIG.moveThreshold);
  });

  it('bounds the size of any move, so no unit or flat baseline dominates', () => {
    const huge = move(series('a', 'cpu', 1, times(5, 1e9)));
    const flat = move({
      service: 'a',
      metric: 'errors',
      kind: 'errors',
      timestamps: [1, 2, 3, 4, FAULT, FAULT + 1].map((t, i) =>
        i < 4 ? FAULT - 100 + t : t,
      ),
      values: [0, 0, 0, 0, 4, 4],
    });
    expect(huge!.deviation).toBeCloseTo(1 / RCA_ENGINE_CONFIG.excursionFloor);
    expect(flat!.deviation).toBeCloseTo(1 / RCA_ENGINE_CONFIG.excursionFloor);
    expect(flat).toMatchObject({ baseline: 0, peak: 4, direction: 'rise' });
  });

  it('weighs a move in the harmless direction less', () => {
    const up = move(series('a', 'cpu', 50, times(5, 80)))!;
    const down = move(series('a', 'cpu', 50, times(5, 20)))!;
    expect(down.direction).toBe('drop');
    expect(down.propagates).toBe(false);
    expect(down.strength).toBeLessThan(up.strength);
    const availability = move(series('a', 'availability', 100, times(5, 20)))!;
    expect(availability).toMatchObject({ direction: 'drop', propagates: true });
  });

  it('counts a lone spike less than a move that lasts', () => {
    const config = { ...RCA_ENGINE_CONFIG, sustainSeconds: 30 };
    const spike = move(
      series('a', 'latency', 10, [50, ...times(9, 10)]),
      config,
    )!;
    const lasting = move(series('a', 'latency', 10, times(10, 50)), config)!;
    expect(lasting.deviation).toBeGreaterThan(RCA_ENGINE_CONFIG.moveThreshold);
    expect(spike.deviation).toBeLessThan(lasting.deviation / 2);
  });

  it('judges a spiky baseline by how far its own tail reaches', () => {
    // Spikes to 30 in a quarter of the baseline: another 30 is no news.
    const spiky = {
      ...series('a', 'latency', 10, times(5, 30)),
    };
    spiky.values = spiky.values.map((v, i) => (i < 30 && i % 3 === 0 ? 30 : v));
    const quiet = move(series('a', 'latency', 10, times(5, 30)))!;
    expect(move(spiky)!.deviation).toBeLessThan(quiet.deviation / 2);
  });

  it('has nothing to say without a baseline or without points after the fault', () => {
    expect(
      move(series('a', 'cpu', 10, times(5, 90), { before: 2 })),
    ).toBeUndefined();
    expect(move(series('a', 'cpu', 10, []))).toBeUndefined();
  });
});
