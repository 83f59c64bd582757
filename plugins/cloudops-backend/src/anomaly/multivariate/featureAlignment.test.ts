import { canonicalRecord, FeatureAlignment } from './featureAlignment';

describe('canonicalRecord', () => {
  it('drops values that are not finite numbers', () => {
    expect(
      canonicalRecord({ cpu: 50, mem: NaN, disk: Infinity, net: null, x: '3' }),
    ).toEqual({ cpu: 50 });
  });

  it('maps renamed metrics onto their feature, the current name winning', () => {
    const spec = { aliases: { cpu_utilization: 'cpu' } };
    expect(canonicalRecord({ cpu_utilization: 40 }, spec)).toEqual({ cpu: 40 });
    expect(canonicalRecord({ cpu_utilization: 40, cpu: 41 }, spec)).toEqual({
      cpu: 41,
    });
    expect(canonicalRecord({ cpu_utilization: 40, cpu: NaN }, spec)).toEqual({
      cpu: 40,
    });
  });

  it('derives ratios and leaves them out rather than divide by zero', () => {
    const spec = {
      ratios: [
        { name: 'error_rate', numerator: 'errors', denominator: 'requests' },
      ],
    };
    expect(canonicalRecord({ errors: 5, requests: 100 }, spec)).toEqual({
      errors: 5,
      requests: 100,
      error_rate: 0.05,
    });
    expect(canonicalRecord({ errors: 5, requests: 0 }, spec)).toEqual({
      errors: 5,
      requests: 0,
    });
    expect(canonicalRecord({ errors: 5 }, spec)).toEqual({ errors: 5 });
  });
});

describe('FeatureAlignment', () => {
  const window = Array.from({ length: 20 }, (_, i) => ({
    cpu: 50 + (i % 5),
    latency: 100 + 2 * (i % 3),
    ...(i < 5 ? { rare: 1 } : {}),
  }));
  const alignment = FeatureAlignment.fit(window);

  it('keeps the features most vectors have, in a fixed order', () => {
    expect(alignment.features).toEqual(['cpu', 'latency']);
  });

  it('aligns by name: missing features are typical, unknown ones reported', () => {
    const aligned = alignment.align({ latency: 102, gc_pauses: 3 });
    expect(aligned.missing).toEqual(['cpu']);
    expect(aligned.unknown).toEqual(['gc_pauses']);
    expect(aligned.row[0]).toBe(0);
    expect(aligned.row[1]).toBeCloseTo(0, 5);
  });

  it('clips extreme values and never divides by a zero spread', () => {
    const flat = FeatureAlignment.fit(
      Array.from({ length: 10 }, () => ({ queue: 0 })),
    );
    const { row } = flat.align({ queue: 1e12 });
    expect(row).toEqual([10]);
    expect(alignment.align({ cpu: -1e9, latency: 100 }).row[0]).toBe(-10);
  });
});
