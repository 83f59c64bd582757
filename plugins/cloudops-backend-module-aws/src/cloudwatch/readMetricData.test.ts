import { PlannedQuery } from './MetricQueryPlan';
import {
  packQueries,
  periodWindow,
  toMetricDataQueries,
} from './readMetricData';

const single = (n: number): PlannedQuery => ({
  periodSeconds: 60,
  metrics: [
    {
      id: 'm',
      namespace: 'AWS/EC2',
      metric: 'CPUUtilization',
      dimensions: { InstanceId: `i-${n}` },
      stat: 'Average',
    },
  ],
  signal: { name: 'CPUUtilization', labels: {} },
});

const math: PlannedQuery = {
  periodSeconds: 60,
  expression: '100 * FILL(errors, 0) / requests',
  metrics: ['errors', 'requests'].map(id => ({
    id,
    namespace: 'AWS/ApplicationELB',
    metric: id,
    dimensions: {},
    stat: 'Sum',
  })),
  signal: { name: 'error-rate', labels: {} },
};

describe('packQueries', () => {
  it('fills calls of 500 queries: exactly ⌈n / 500⌉ for single metrics', () => {
    for (const n of [1, 499, 500, 501, 1000, 1001, 2500]) {
      const batches = packQueries(
        Array.from({ length: n }, (_, i) => single(i)),
      );
      expect(batches).toHaveLength(Math.ceil(n / 500));
      expect(batches.flat()).toHaveLength(n);
    }
  });

  it('keeps an expression with its metrics in one call', () => {
    const batches = packQueries([
      ...Array.from({ length: 498 }, (_, i) => single(i)),
      math,
    ]);
    expect(batches.map(b => toMetricDataQueries(b).length)).toEqual([498, 3]);
  });
});

describe('toMetricDataQueries', () => {
  it('gives each query an id and rewrites expressions to their metrics’ ids', () => {
    expect(toMetricDataQueries([single(1), math])).toEqual([
      expect.objectContaining({
        Id: 'q0',
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/EC2',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }],
          },
          Period: 60,
          Stat: 'Average',
        },
      }),
      expect.objectContaining({ Id: 'q1_errors', ReturnData: false }),
      expect.objectContaining({ Id: 'q1_requests', ReturnData: false }),
      {
        Id: 'q1',
        Expression: '100 * FILL(q1_errors, 0) / q1_requests',
        Period: 60,
        ReturnData: true,
      },
    ]);
  });
});

describe('periodWindow', () => {
  it('covers the last complete periods, aligned to the period', () => {
    const now = Date.parse('2026-11-23T10:07:42Z');
    expect(periodWindow(now, 60, 3)).toEqual({
      start: new Date('2026-11-23T10:04:00Z'),
      end: new Date('2026-11-23T10:07:00Z'),
    });
    expect(periodWindow(now, 300, 2)).toEqual({
      start: new Date('2026-11-23T09:55:00Z'),
      end: new Date('2026-11-23T10:05:00Z'),
    });
  });
});
