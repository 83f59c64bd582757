import { RcaCandidate } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { incidentSignature, signatureSimilarity } from './incidentSignature';
import { findSimilarIncidents, MIN_SIMILARITY } from './findSimilarIncidents';

function candidate(
  service: string,
  fault: RcaCandidate['fault'],
  moved = true,
): RcaCandidate {
  return {
    service,
    fault,
    score: moved ? 0.6 : 0,
    evidence: [],
    series: moved
      ? [
          {
            metric: `${service}_${fault}`,
            kind: fault === 'unknown' ? 'other' : fault,
            direction: 'rise',
            deviation: 12,
            onsetSeconds: 0,
            baseline: 1,
            peak: 9,
          },
        ]
      : [],
  };
}

const cartCpu = incidentSignature({
  ranking: [
    candidate('cart', 'cpu'),
    candidate('web', 'latency'),
    candidate('db', 'other', false),
  ],
  alerts: ['HighLatency'],
  systemRef: 'system:default/shop',
});

describe('incident signatures', () => {
  it('name the top candidate and fault, the movers, the alerts and the system', () => {
    expect(cartCpu).toEqual({
      key: 'cart|cpu',
      tokens: [
        'alert:HighLatency',
        'fault:cpu',
        'moved:cart',
        'moved:web',
        'root-fault:cart/cpu',
        'root:cart',
        'series:cpu/rise',
        'system:system:default/shop',
      ],
    });
    expect(
      incidentSignature({
        ranking: [candidate('db', 'other', false)],
        alerts: [],
      }),
    ).toEqual({ key: 'unknown', tokens: [] });
  });

  it('are most similar when root and fault agree, least when nothing does', () => {
    const same = incidentSignature({
      ranking: [candidate('cart', 'cpu')],
      alerts: ['HighLatency'],
      systemRef: 'system:default/shop',
    });
    const otherFault = incidentSignature({
      ranking: [candidate('cart', 'memory'), candidate('web', 'latency')],
      alerts: ['HighLatency'],
      systemRef: 'system:default/shop',
    });
    const unrelated = incidentSignature({
      ranking: [candidate('payments', 'errors')],
      alerts: ['PaymentsDown'],
    });
    const s = (other: string[]) => signatureSimilarity(cartCpu.tokens, other);
    expect(s(cartCpu.tokens)).toBe(1);
    expect(s(same.tokens)).toBeGreaterThan(s(otherFault.tokens));
    expect(s(otherFault.tokens)).toBeGreaterThan(s(unrelated.tokens));
    expect(s(unrelated.tokens)).toBe(0);
    expect(signatureSimilarity([], [])).toBe(0);
  });

  it('find the closest resolved incidents with what resolved them', async () => {
    const past = [
      { id: 'a', sig: cartCpu.tokens, title: 'Cart CPU' },
      { id: 'b', sig: ['root:payments', 'fault:errors'], title: 'Payments' },
      {
        id: 'c',
        sig: [...cartCpu.tokens.filter(t => !t.startsWith('alert'))],
        title: 'Cart CPU again',
      },
    ].map(p => ({
      incidentId: p.id,
      title: p.title,
      resolvedAt: '2026-11-20T10:00:00.000Z',
      rca: {
        signature: p.sig,
        ranking: [candidate('cart', 'cpu')],
      } as any,
    }));
    const similar = await findSimilarIncidents(
      cartCpu.tokens,
      past,
      async id => [`resolved ${id}`],
    );
    expect(similar.map(s => s.incidentId)).toEqual(['a', 'c']);
    expect(similar[0]).toMatchObject({
      title: 'Cart CPU',
      similarity: 1,
      rootCause: 'cart',
      fault: 'cpu',
      resolution: ['resolved a'],
    });
    expect(similar[1].similarity).toBeGreaterThanOrEqual(MIN_SIMILARITY);
  });
});
