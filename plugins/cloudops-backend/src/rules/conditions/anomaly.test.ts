import {
  AnomalyDetector,
  AnomalyVerdict,
  SeriesPoint,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { LOADING } from '../../detectors/SeriesStateCache';
import { withheld } from '../../detectors/withheldVerdict';
import { engineFor, feed } from '../__testUtils__/engine';
import { metric, minutes, rule } from '../__testUtils__/signals';

/** Scores points above 100 as anomalous once it has seen `warmUp` points. */
function detector(warmUp = 0): jest.Mocked<AnomalyDetector> {
  let seen = 0;
  return {
    score: jest.fn(
      async (
        _seriesId: string,
        point: SeriesPoint,
      ): Promise<AnomalyVerdict> => {
        seen += 1;
        if (seen <= warmUp) {
          return {
            ready: false,
            reason: `cold start (${seen}/${warmUp} points)`,
          };
        }
        return { ready: true, score: point.value > 100 ? 0.99 : 0.1 };
      },
    ),
  };
}

const anomaly = rule(
  { type: 'anomaly', score: 0.9 },
  { id: 'latency-anomaly' },
);
const withFallback = rule(
  { type: 'anomaly', score: 0.9, fallback: { op: '>', value: 95 } },
  { id: 'latency-anomaly' },
);

describe('anomaly condition', () => {
  it('fires on a score at or above `score` and resolves below it', async () => {
    const anomalyDetector = detector();
    const engine = engineFor([anomaly], { anomalyDetector });
    expect(
      await feed(engine, [
        metric('latency', 50, 0),
        metric('latency', 150, 1),
        metric('latency', 160, 2),
        metric('latency', 60, 3),
      ]),
    ).toEqual([
      [],
      ['firing: latency 150 anomaly score 0.99 >= 0.9'],
      [],
      ['resolved: latency 60 anomaly score 0.1 < 0.9'],
    ]);
    expect(anomalyDetector.score).toHaveBeenNthCalledWith(
      2,
      'latency-anomaly/latency-series',
      { timestamp: minutes(1), value: 150 },
    );
  });

  it('uses the fallback threshold during cold start, and says so', async () => {
    const engine = engineFor([withFallback], { anomalyDetector: detector(2) });
    expect(
      await feed(engine, [
        metric('latency', 90, 0),
        metric('latency', 97, 1),
        metric('latency', 150, 2),
        metric('latency', 60, 3),
      ]),
    ).toEqual([
      [],
      ['firing: latency 97 > 95 (fallback threshold: cold start (2/2 points))'],
      [],
      ['resolved: latency 60 anomaly score 0.1 < 0.9'],
    ]);
  });

  it('neither fires nor resolves nor falls back on a withheld verdict', async () => {
    const anomalyDetector = detector();
    anomalyDetector.score
      .mockResolvedValueOnce({ ready: true, score: 0.99 })
      .mockResolvedValueOnce(withheld(LOADING))
      .mockResolvedValueOnce({ ready: true, score: 0.1 })
      .mockResolvedValueOnce(withheld('a repeat'));
    const engine = engineFor([withFallback], { anomalyDetector });
    expect(
      await feed(engine, [
        metric('latency', 99, 0),
        metric('latency', 50, 1),
        metric('latency', 60, 2),
        metric('latency', 99, 3),
      ]),
    ).toEqual([
      ['firing: latency 99 anomaly score 0.99 >= 0.9'],
      [],
      ['resolved: latency 60 anomaly score 0.1 < 0.9'],
      [],
    ]);
  });

  it('does not fire during cold start without a fallback', async () => {
    const engine = engineFor([anomaly], { anomalyDetector: detector(5) });
    expect(
      await feed(engine, [
        metric('latency', 500, 0),
        metric('latency', 500, 1),
      ]),
    ).toEqual([[], []]);
  });

  it('without a detector, uses the fallback or never fires, and does not throw', async () => {
    expect(
      await feed(engineFor([anomaly]), [metric('latency', 500, 0)]),
    ).toEqual([[]]);
    expect(
      await feed(engineFor([withFallback]), [metric('latency', 500, 0)]),
    ).toEqual([
      [
        'firing: latency 500 > 95 (fallback threshold: no anomaly detector configured)',
      ],
    ]);
  });

  it('treats a failing detector as not ready', async () => {
    const anomalyDetector: AnomalyDetector = {
      score: async () => {
        throw new Error('model unavailable');
      },
    };
    expect(
      await feed(engineFor([withFallback], { anomalyDetector }), [
        metric('latency', 96, 0),
      ]),
    ).toEqual([
      [
        'firing: latency 96 > 95 (fallback threshold: anomaly detector failed: model unavailable)',
      ],
    ]);
  });

  it('waits `for` with anomalous points', async () => {
    const engine = engineFor(
      [rule({ type: 'anomaly', score: 0.9, for: '2m' })],
      { anomalyDetector: detector() },
    );
    expect(
      await feed(engine, [
        metric('latency', 150, 0),
        metric('latency', 150, 1),
        metric('latency', 150, 2),
      ]),
    ).toEqual([
      [],
      [],
      ['firing: latency 150 anomaly score 0.99 >= 0.9 for 2m'],
    ]);
  });

  it('does not score non-finite values', async () => {
    const anomalyDetector = detector();
    const engine = engineFor([withFallback], { anomalyDetector });
    expect(
      await feed(engine, [
        metric('latency', NaN, 0),
        metric('latency', undefined, 1),
      ]),
    ).toEqual([[], []]);
    expect(anomalyDetector.score).not.toHaveBeenCalled();
  });
});
