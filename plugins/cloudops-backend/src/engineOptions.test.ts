import { ConfigReader } from '@backstage/config';
import { readEngineOptions } from './engineOptions';

describe('readEngineOptions', () => {
  it('keeps signals 15 days and rollups 90 by default', () => {
    const { retention } = readEngineOptions(new ConfigReader({}));
    expect(retention).toEqual({
      detectorRunsMs: 7 * 86_400_000,
      signalsMs: 15 * 86_400_000,
      rollupsMs: 90 * 86_400_000,
    });
  });

  it('runs the RCA on a worker thread unless told not to', () => {
    expect(readEngineOptions(new ConfigReader({})).rca.workerThread).toBe(true);
    expect(
      readEngineOptions(
        new ConfigReader({ cloudops: { rca: { workerThread: false } } }),
      ).rca.workerThread,
    ).toBe(false);
  });

  it('reads retention from cloudops.signals', () => {
    const { retention } = readEngineOptions(
      new ConfigReader({
        cloudops: { signals: { retention: '2d', rollupRetention: '30d' } },
      }),
    );
    expect(retention.signalsMs).toBe(2 * 86_400_000);
    expect(retention.rollupsMs).toBe(30 * 86_400_000);
  });

  it.each([
    [
      { signals: { retention: '30m' } },
      'cloudops.signals.retention (30 min) is shorter than cloudops.rca.changeWindow (60 min), which the root-cause analysis reads back; keep it at least as long',
    ],
    [
      { signals: { rollupRetention: '3h' }, rca: { lookback: '6h' } },
      'cloudops.signals.rollupRetention (180 min) is shorter than cloudops.rca.lookback (360 min), which the root-cause analysis reads back; keep it at least as long',
    ],
  ])(
    'refuses retention shorter than the RCA reads back: %j',
    (cloudops, error) => {
      expect(() => readEngineOptions(new ConfigReader({ cloudops }))).toThrow(
        error,
      );
    },
  );
});
