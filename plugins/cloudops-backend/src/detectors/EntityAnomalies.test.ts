import { Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SeededRandom } from '../random/SeededRandom';
import { ENTITY_WARMUP } from '../anomaly/multivariate/EntityAnomalyScorer';
import { EntityAnomalies } from './EntityAnomalies';

const MINUTE = 60_000;
const entityRef = 'component:default/checkout';

function metric(name: string, value: number, at: number): Signal {
  return {
    source: 'prometheus',
    kind: 'metric',
    name,
    timestamp: new Date(at).toISOString(),
    value,
    labels: {},
    entityRef,
    fingerprint: `${name}-series`,
  };
}

/** One minute of the service: requests, errors and latency. */
function minute(i: number, random: SeededRandom, broken = false): Signal[] {
  const at = i * MINUTE + 5_000;
  const requests = 1000 + 50 * random.gaussian();
  return [
    metric('requests', requests, at),
    metric('errors', broken ? 300 : 2 + Math.abs(random.gaussian()), at + 1),
    metric('latency_ms', broken ? 900 : 120 + 5 * random.gaussian(), at + 2),
  ];
}

describe('EntityAnomalies', () => {
  it('scores each finished minute of an entity once its model is trained', () => {
    const anomalies = new EntityAnomalies({
      spec: {
        ratios: [
          { name: 'error_rate', numerator: 'errors', denominator: 'requests' },
        ],
      },
    });
    const random = SeededRandom.fromSeed(21);
    for (let i = 0; i <= ENTITY_WARMUP; i++) {
      anomalies.observe(minute(i, random));
    }
    expect(anomalies.latest(entityRef)).toBeUndefined();
    for (let i = ENTITY_WARMUP + 1; i < 120; i++) {
      anomalies.observe(minute(i, random));
    }
    const ordinary = anomalies.latest(entityRef)!;
    expect(ordinary.timestamp).toBe(118 * MINUTE);
    anomalies.observe(minute(120, random, true));
    anomalies.observe(minute(121, random));
    const broken = anomalies.latest(entityRef)!;
    expect(broken.timestamp).toBe(120 * MINUTE);
    expect(broken.score).toBeGreaterThan(ordinary.score);
    expect(broken.score).toBeGreaterThan(0.65);
    expect(broken.contributions.map(c => c.feature)).toContain('error_rate');
  });

  it('ignores alerts, unlinked signals and values that are not finite', () => {
    const anomalies = new EntityAnomalies();
    anomalies.observe([
      { ...metric('cpu', 1, 0), entityRef: undefined },
      { ...metric('cpu', NaN, 0) },
      { ...metric('cpu', 1, 0), kind: 'alert' },
    ]);
    expect(anomalies.cache.size).toBe(0);
    expect(anomalies.latest(entityRef)).toBeUndefined();
  });
});
