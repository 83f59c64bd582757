import { Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { normalBand, seriesOf } from './seriesOf';

const base: Signal = {
  source: 'cloudwatch',
  kind: 'metric',
  name: 'cpu_utilization',
  timestamp: '2026-11-22T10:00:00Z',
  labels: {},
  fingerprint: 'f-cpu',
  resource: 'i-0abc',
  account: '111111111111',
};

describe('seriesOf', () => {
  it('groups by fingerprint, values as points and the rest as marks', () => {
    const series = seriesOf([
      { ...base, value: 40 },
      {
        ...base,
        kind: 'alert',
        name: 'KubePodCrashLooping',
        fingerprint: 'f-alert',
        status: 'firing',
        resource: undefined,
        account: undefined,
        labels: { app: 'checkout', severity: 'critical', pod: 'c-1' },
        timestamp: '2026-11-22T10:00:30Z',
      },
      { ...base, value: 97, timestamp: '2026-11-22T10:01:00Z' },
    ]);
    expect(series).toHaveLength(2);
    expect(series[0]).toMatchObject({
      name: 'cpu_utilization',
      detail: 'i-0abc · 111111111111',
      points: [
        { t: Date.parse('2026-11-22T10:00:00Z'), value: 40 },
        { t: Date.parse('2026-11-22T10:01:00Z'), value: 97 },
      ],
      marks: [],
    });
    expect(series[1]).toMatchObject({
      kind: 'alert',
      detail: 'app=checkout · pod=c-1',
      points: [],
      marks: [{ t: Date.parse('2026-11-22T10:00:30Z'), status: 'firing' }],
    });
  });
});

describe('normalBand', () => {
  const band = {
    fingerprint: 'f-cpu',
    baseline: { median: 0.01, lower: -0.05, upper: 0.07, points: 20 },
  };

  it('cuts the band at zero for a series that never goes below it', () => {
    const [series] = seriesOf([
      { ...base, value: 0 },
      { ...base, value: 0.15, timestamp: '2026-11-22T10:01:00Z' },
    ]);
    expect(normalBand(series, band)).toEqual({ lower: 0, upper: 0.07 });
    const below = { ...band, baseline: { ...band.baseline, upper: -0.01 } };
    expect(normalBand(series, below)).toBeUndefined();
  });

  it('keeps it whole for a series with negative values, and has none without a baseline', () => {
    const [series] = seriesOf([{ ...base, value: -1 }]);
    expect(normalBand(series, band)).toEqual({ lower: -0.05, upper: 0.07 });
    expect(normalBand(series, { fingerprint: 'f-cpu' })).toBeUndefined();
    expect(normalBand(series, undefined)).toBeUndefined();
  });
});
