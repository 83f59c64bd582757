import { engineFor, feed } from '../rules/__testUtils__/engine';
import { metric, rule } from '../rules/__testUtils__/signals';
import { SeededRandom } from '../random/SeededRandom';
import { UNIVARIATE_WARMUP } from '../anomaly/univariate/UnivariateDetector';
import { BuiltinAnomalyDetector } from './BuiltinAnomalyDetector';
import { BuiltinForecaster } from './BuiltinForecaster';

/** The rule engine with the real built-in detectors behind its conditions. */
describe('rules with the built-in detectors', () => {
  it('anomaly: the threshold decides during cold start, then the detector', async () => {
    const latency = rule(
      { type: 'anomaly', score: 0.99999, fallback: { op: '>', value: 2 } },
      { id: 'latency-anomaly' },
    );
    const engine = engineFor([latency], {
      anomalyDetector: new BuiltinAnomalyDetector(),
    });
    const random = SeededRandom.fromSeed(5);
    const normal = (minute: number) =>
      metric('p99_seconds', 0.5 + 0.05 * random.gaussian(), minute);

    // cold start: 2.5 s is over the fallback threshold
    const early = await feed(engine, [
      normal(0),
      metric('p99_seconds', 2.5, 1),
    ]);
    expect(early[1]).toEqual([
      `firing: p99_seconds 2.5 > 2 (fallback threshold: cold start: 2 of ${UNIVARIATE_WARMUP} points)`,
    ]);
    const history = await feed(
      engine,
      Array.from({ length: 600 }, (_, i) => normal(i + 2)),
    );
    // it resolves once values are normal again and nothing else fires
    expect(history.flat()).toEqual([
      expect.stringMatching(/^resolved: p99_seconds [\d.]+ is not > 2/),
    ]);

    // warm: 1.5 s is under the old threshold but far outside this series
    const spike = await feed(engine, [metric('p99_seconds', 1.5, 700)]);
    expect(spike[0]).toEqual([
      expect.stringMatching(
        /^firing: p99_seconds 1\.5 anomaly score (1|0\.99999\d*) >= 0\.99999$/,
      ),
    ]);
  });

  it('forecast: fires as a disk heads for full, well before it is', async () => {
    const diskFull = rule(
      { type: 'forecast', op: '>=', value: 100, horizon: '6h' },
      { id: 'disk-full' },
    );
    const engine = engineFor([diskFull], {
      forecaster: new BuiltinForecaster(),
    });
    const random = SeededRandom.fromSeed(8);
    // 5-minute points: flat at 40% for a day, then +1% an hour
    const disk = (step: number) =>
      metric(
        'disk_used_percent',
        40 + Math.max(0, step - 288) / 12 + 0.3 * random.gaussian(),
        5 * step,
      );
    const results = await feed(
      engine,
      Array.from({ length: 288 + 12 * 60 }, (_, step) => disk(step)),
    );
    const firedAt = results.findIndex(r => r.some(e => e.startsWith('firing')));
    expect(firedAt).toBeGreaterThan(288);
    // it reaches 100% at step 288 + 720; it warned at least 3 hours before
    expect(288 + 720 - firedAt).toBeGreaterThanOrEqual(36);
    expect(results[firedAt][0]).toMatch(
      /^firing: disk_used_percent forecast upper bound [\d.]+ >= 100 at .* \(within 6h\)$/,
    );
  });
});
