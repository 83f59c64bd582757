import { RcaCase } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { analyzeCase } from './analyzeCase';
import { FAULT, series, times } from './__testUtils__/series';

function ranked(rcaCase: RcaCase) {
  return analyzeCase(rcaCase).ranking.map(c => c.service);
}

describe('analyzeCase', () => {
  it('ranks the service whose own resource saturated first, with the evidence', () => {
    const result = analyzeCase({
      id: 'cpu',
      faultTime: FAULT,
      series: [
        series('carts', 'cpu', 12, times(30, 97)),
        series('carts', 'memory', 300, times(30, 301)),
        series('orders', 'cpu', 20, times(30, 21)),
        series('front-end', 'latency', 0.2, times(30, 0.3)),
        series('user', 'memory', 500, times(30, 500)),
      ],
    });
    expect(result.id).toBe('cpu');
    const [top] = result.ranking;
    expect(top).toMatchObject({ service: 'carts', fault: 'cpu' });
    expect(top.evidence[0]).toMatch(
      /^carts cpu \(carts_cpu\) \+\d+\.\d MAD at t\+0s \(12 → 97\)$/,
    );
    expect(top.series?.[0]).toMatchObject({
      kind: 'cpu',
      direction: 'rise',
      onsetSeconds: 0,
    });
    // Every candidate exactly once, scores in 0..1 and non-increasing.
    expect(result.ranking.map(c => c.service).sort()).toEqual([
      'carts',
      'front-end',
      'orders',
      'user',
    ]);
    const scores = result.ranking.map(c => c.score);
    expect(scores.every(s => s >= 0 && s <= 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(result.ranking.find(c => c.service === 'user')).toMatchObject({
      fault: 'unknown',
      evidence: ['user: none of its 1 series moved beyond the noise'],
    });
  });

  it('puts the dependency first when caller and callee slow down together', () => {
    const rcaCase: RcaCase = {
      id: 'graph',
      faultTime: FAULT,
      graph: [
        ['web', 'checkout'],
        ['checkout', 'payments-db'],
      ],
      series: [
        series('web', 'latency', 0.2, times(30, 2.5)),
        series('checkout', 'latency', 0.1, times(30, 2.2)),
        series('payments-db', 'latency', 0.01, times(30, 2)),
        series('payments-db', 'saturation', 40, times(30, 95)),
      ],
    };
    const result = analyzeCase(rcaCase);
    expect(result.ranking.map(c => c.service)).toEqual([
      'payments-db',
      'checkout',
      'web',
    ]);
    expect(result.ranking[0].evidence).toContain(
      'nothing it depends on moved as early: upstream-most mover',
    );
    expect(result.ranking[0].evidence).toContain(
      '1 of its 1 caller(s) moved with or after it (checkout)',
    );
    expect(result.ranking[1].evidence.join('\n')).toMatch(
      /depends on payments-db \(1 hop\), which moved .* no later: possibly propagated/,
    );
  });

  it('does not discount a caller for a dependency that moved only later', () => {
    const late = [...times(10, 0.2), ...times(20, 0.6)];
    const result = analyzeCase({
      id: 'later',
      faultTime: FAULT,
      graph: [['web', 'db']],
      series: [
        series('web', 'cpu', 10, times(30, 95)),
        series('db', 'latency', 0.2, late),
      ],
    });
    expect(result.ranking.map(c => c.service)).toEqual(['web', 'db']);
    expect(result.ranking[0].evidence).toContain(
      'nothing it depends on moved as early: upstream-most mover',
    );
    expect(result.ranking[1].series?.[0].onsetSeconds).toBe(100);
  });

  it('recognises faults that show as drops', () => {
    const result = analyzeCase({
      id: 'drops',
      faultTime: FAULT,
      series: [
        series('payments', 'availability', 100, times(30, 40)),
        series('shipping', 'traffic', 50, times(30, 0)),
        series('orders', 'latency', 0.2, times(30, 0.2)),
      ],
    });
    const fault = (s: string) =>
      result.ranking.find(c => c.service === s)!.fault;
    expect(fault('payments')).toBe('availability');
    expect(fault('shipping')).toBe('availability');
    expect(result.ranking[0].evidence[0]).toMatch(/-\d+\.\d MAD/);
    expect(result.ranking.map(c => c.service).slice(-1)).toEqual(['orders']);
  });

  it('is robust to missing, sparse, misaligned and unordered series', () => {
    const gappy = series(
      'cart',
      'errors',
      0,
      [null, 5, NaN, 6, null, 7, 7, 8],
      { step: 7 },
    );
    gappy.values = gappy.values.map((v, i) => (i % 5 === 0 ? null : v));
    const unordered = series('orders', 'cpu', 30, times(12, 31), { step: 60 });
    unordered.timestamps.reverse();
    unordered.values.reverse();
    const result = analyzeCase({
      id: 'messy',
      faultTime: FAULT,
      services: ['cart', 'orders', 'new', 'empty', 'silent'],
      series: [
        gappy,
        unordered,
        // Starts after the fault: no baseline to judge against.
        {
          service: 'new',
          metric: 'new_latency',
          kind: 'latency',
          timestamps: [FAULT + 5, FAULT + 15],
          values: [1, 2],
        },
        {
          service: 'empty',
          metric: 'empty_cpu',
          kind: 'cpu',
          timestamps: [FAULT - 10, FAULT],
          values: [null, null],
        },
        // Not a candidate: ignored.
        series('elsewhere', 'cpu', 1, times(5, 100)),
      ],
    });
    expect(result.ranking.map(c => c.service)).toEqual([
      'cart',
      'orders',
      'empty',
      'new',
      'silent',
    ]);
    expect(result.ranking[0]).toMatchObject({ fault: 'errors' });
    expect(result.ranking[0].evidence[0]).toMatch(/\(0 → 8\)/);
    expect(result.ranking.find(c => c.service === 'new')!.evidence).toEqual([
      'new: none of its 1 series has enough points before the fault to judge',
    ]);
    expect(result.ranking.find(c => c.service === 'silent')!.evidence).toEqual([
      'silent: no series in the case',
    ]);
    expect(result.ranking.every(c => Number.isFinite(c.score))).toBe(true);
  });

  it('counts a recent change to a service as evidence', () => {
    const result = analyzeCase({
      id: 'change',
      faultTime: FAULT,
      changes: [
        { service: 'orders', time: FAULT - 300, description: 'deploy v2.3.1' },
        { service: 'cart', time: FAULT - 7200, description: 'deploy v1.0' },
      ],
      series: [
        series('orders', 'errors', 1, times(30, 6)),
        series('cart', 'errors', 1, times(30, 6)),
      ],
    });
    expect(result.ranking[0].service).toBe('orders');
    expect(result.ranking[0].evidence).toContain(
      'changed 5m before the fault: deploy v2.3.1',
    );
    expect(result.ranking[1].changes).toBeUndefined();
  });

  it('takes as candidates the services named in series or graph, or exactly the services given', () => {
    const base: RcaCase = {
      id: 'candidates',
      faultTime: FAULT,
      symptom: { service: 'front-end', kind: 'latency' },
      graph: [['web', 'carts']],
      series: [series('carts', 'cpu', 10, times(20, 50))],
    };
    // The symptom alone does not make front-end a candidate.
    expect(ranked(base).sort()).toEqual(['carts', 'web']);
    expect(ranked({ ...base, services: ['front-end'] })).toEqual(['front-end']);
    // An empty candidate set is given, not absent: nothing to rank.
    expect(analyzeCase({ ...base, services: [] })).toEqual({
      id: 'candidates',
      ranking: [],
    });
  });

  it('gives the same answer for the same case', () => {
    const rcaCase: RcaCase = {
      id: 'same',
      faultTime: FAULT,
      series: [
        series('a', 'cpu', 10, times(20, 50)),
        series('b', 'cpu', 10, times(20, 50)),
      ],
    };
    expect(analyzeCase(rcaCase)).toEqual(analyzeCase(rcaCase));
    expect(ranked(rcaCase)).toEqual(['a', 'b']);
  });
});
