import {
  Forecaster,
  ForecastResult,
  SeriesPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { BuiltinForecaster } from '../../detectors/BuiltinForecaster';
import { SeededRandom } from '../../random/SeededRandom';
import { engineFor, feed } from '../__testUtils__/engine';
import { metric, minutes, rule } from '../__testUtils__/signals';

const HOUR = 60 * 60 * 1000;

/** Answers each forecast with `points(timestamp)`. */
function forecaster(
  points: (
    timestamp: number,
  ) => Array<{ in: number; mean: number; lower: number; upper: number }>,
): jest.Mocked<Forecaster> {
  return {
    forecast: jest.fn(
      async (
        _seriesId: string,
        point: SeriesPoint,
        _horizonMs: number,
      ): Promise<ForecastResult> => ({
        ready: true,
        points: points(point.timestamp).map(p => ({
          timestamp: point.timestamp + p.in,
          mean: p.mean,
          lower: p.lower,
          upper: p.upper,
        })),
      }),
    ),
  };
}

const diskFullIn6h = rule(
  { type: 'forecast', op: '>', value: 90, horizon: '6h' },
  { id: 'disk-full' },
);

describe('forecast condition', () => {
  it('fires when the upper bound crosses the value within the horizon', async () => {
    const disk = forecaster(() => [
      { in: 1 * HOUR, mean: 70, lower: 65, upper: 75 },
      { in: 3 * HOUR, mean: 85, lower: 80, upper: 96 },
    ]);
    const engine = engineFor([diskFullIn6h], { forecaster: disk });
    expect(await feed(engine, [metric('disk_used_percent', 60, 0)])).toEqual([
      [
        'firing: disk_used_percent forecast upper bound 96 > 90 at 2026-01-01T03:00:00.000Z (within 6h)',
      ],
    ]);
    expect(disk.forecast).toHaveBeenCalledWith(
      'disk-full/disk_used_percent-series',
      { timestamp: minutes(0), value: 60 },
      6 * HOUR,
    );
  });

  it('ignores crossings beyond the horizon', async () => {
    const engine = engineFor([diskFullIn6h], {
      forecaster: forecaster(() => [
        { in: 5 * HOUR, mean: 80, lower: 75, upper: 89 },
        { in: 8 * HOUR, mean: 95, lower: 92, upper: 99 },
      ]),
    });
    expect(await feed(engine, [metric('disk_used_percent', 60, 0)])).toEqual([
      [],
    ]);
  });

  it('resolves when the forecast no longer crosses', async () => {
    let upper = 95;
    const engine = engineFor([diskFullIn6h], {
      forecaster: forecaster(() => [{ in: HOUR, mean: 80, lower: 70, upper }]),
    });
    await feed(engine, [metric('disk_used_percent', 80, 0)]);
    upper = 85;
    expect(await feed(engine, [metric('disk_used_percent', 60, 1)])).toEqual([
      [
        'resolved: disk_used_percent forecast upper bound does not cross > 90 within 6h',
      ],
    ]);
  });

  it('fires on a value already past the threshold: a breach now', async () => {
    const flat = () => [{ in: HOUR, mean: 50, lower: 40, upper: 60 }];
    const above = engineFor([diskFullIn6h], { forecaster: forecaster(flat) });
    const below = engineFor(
      [rule({ type: 'forecast', op: '<', value: 10, horizon: '2h' })],
      { forecaster: forecaster(flat) },
    );
    expect(await feed(above, [metric('disk_used_percent', 95, 0)])).toEqual([
      ['firing: disk_used_percent 95 > 90 already (forecast within 6h)'],
    ]);
    expect(await feed(below, [metric('free_gb', 5, 0)])).toEqual([
      ['firing: free_gb 5 < 10 already (forecast within 2h)'],
    ]);
  });

  it('forecasts a breach with the built-in forecaster when the horizon is shorter than the interval', async () => {
    const random = SeededRandom.fromSeed(5);
    const value = (i: number) => 50 + Math.max(0, i - 200) + random.gaussian();
    const engine = engineFor(
      [rule({ type: 'forecast', op: '>', value: 90, horizon: '5m' })],
      { forecaster: new BuiltinForecaster() },
    );
    let fired: { value: number; summary: string[] } | undefined;
    for (let i = 0; i < 300 && !fired; i++) {
      const v = value(i);
      const [summary] = await feed(engine, [metric('m', v, 10 * i)]);
      if (summary.length > 0) fired = { value: v, summary };
    }
    expect(fired?.value).toBeLessThan(90);
    expect(fired?.summary).toEqual([
      expect.stringMatching(/^firing: m forecast upper bound 9\d/),
    ]);
  });

  it('tests the lower bound for `<`', async () => {
    const engine = engineFor(
      [rule({ type: 'forecast', op: '<', value: 10, horizon: '2h' })],
      {
        forecaster: forecaster(() => [
          { in: HOUR, mean: 20, lower: 5, upper: 30 },
        ]),
      },
    );
    expect(await feed(engine, [metric('free_gb', 40, 0)])).toEqual([
      [
        'firing: free_gb forecast lower bound 5 < 10 at 2026-01-01T01:00:00.000Z (within 2h)',
      ],
    ]);
  });

  it('does not use the upper bound for `<` or the lower bound for `>`', async () => {
    const points = () => [{ in: HOUR, mean: 50, lower: 5, upper: 95 }];
    const below = engineFor(
      [rule({ type: 'forecast', op: '<=', value: 4, horizon: '2h' })],
      { forecaster: forecaster(points) },
    );
    const above = engineFor(
      [rule({ type: 'forecast', op: '>=', value: 96, horizon: '2h' })],
      { forecaster: forecaster(points) },
    );
    expect(await feed(below, [metric('m', 50, 0)])).toEqual([[]]);
    expect(await feed(above, [metric('m', 50, 0)])).toEqual([[]]);
  });

  it('never fires while the forecaster is not ready, failing or missing', async () => {
    const notReady: Forecaster = {
      forecast: async () => ({ ready: false, reason: 'cold start' }),
    };
    const failing: Forecaster = {
      forecast: async () => {
        throw new Error('boom');
      },
    };
    for (const options of [
      { forecaster: notReady },
      { forecaster: failing },
      {},
    ]) {
      const engine = engineFor([diskFullIn6h], options);
      expect(await feed(engine, [metric('disk_used_percent', 99, 0)])).toEqual([
        [],
      ]);
    }
  });

  it('does not forecast non-finite values', async () => {
    const disk = forecaster(() => []);
    const engine = engineFor([diskFullIn6h], { forecaster: disk });
    await feed(engine, [metric('disk_used_percent', NaN, 0)]);
    expect(disk.forecast).not.toHaveBeenCalled();
  });
});
