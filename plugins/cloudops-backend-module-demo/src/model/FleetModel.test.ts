import { DEMO_ESTATE } from '../estate/estate';
import { Scenario } from '../scenarios/scenario';
import { FleetSignals } from '../signals/FleetSignals';
import { deploysBetween, lastDeploy } from './deploys';
import { FleetModel, PROPAGATION } from './FleetModel';
import { DAY_MS, HOUR_MS, STEP_MS } from './seasonality';

const MONDAY_NOON = Date.parse('2026-11-23T12:00:00Z');
const signals = new FleetSignals(DEMO_ESTATE);

function scenario(
  fields: Partial<Scenario> & Pick<Scenario, 'kind' | 'target'>,
): Scenario {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000000',
    startedAt: MONDAY_NOON,
    endsAt: MONDAY_NOON + HOUR_MS,
    requestedBy: 'test',
    ...fields,
  };
}

/** The first moment (sample) from `from` at which `test` holds. */
function firstSample(from: number, test: (t: number) => boolean): number {
  for (let t = from; t < from + HOUR_MS; t += STEP_MS) if (test(t)) return t;
  return Infinity;
}

describe('fleet model', () => {
  const outage = scenario({
    kind: 'dependency-outage',
    target: 'resource:default/payments-db',
  });
  const model = new FleetModel(DEMO_ESTATE, [outage]);
  const healthy = new FleetModel(DEMO_ESTATE, []);
  const extra = (ref: string, t: number) =>
    model.health(ref, t).errorRatio - healthy.health(ref, t).errorRatio;

  it('propagates a fault to the services that need the faulty one, later and weaker hop by hop', () => {
    const onset = (ref: string) =>
      firstSample(MONDAY_NOON, t => extra(ref, t) > 0.01);
    const db = MONDAY_NOON + STEP_MS;
    expect(
      model.health('resource:default/payments-db', db).own.down,
    ).toBeCloseTo(1);
    const payments = onset('component:default/payments-service');
    const checkout = onset('component:default/checkout-service');
    const storefront = onset('component:default/web-storefront');
    expect(payments - MONDAY_NOON).toBeGreaterThanOrEqual(PROPAGATION.delayMs);
    expect(checkout - payments).toBe(PROPAGATION.delayMs);
    expect(storefront - checkout).toBe(PROPAGATION.delayMs);
    const settled = MONDAY_NOON + 20 * STEP_MS;
    const strength = [
      'component:default/payments-service',
      'component:default/checkout-service',
      'component:default/web-storefront',
    ].map(ref => extra(ref, settled));
    expect(strength[0]).toBeGreaterThan(strength[1]);
    expect(strength[1]).toBeGreaterThan(strength[2]);
    expect(strength[2]).toBeGreaterThan(0);
    // Services that do not need payments-db are untouched.
    expect(extra('component:default/cart-service', settled)).toBe(0);
    expect(extra('component:default/auth-service', settled)).toBe(0);
  });

  it('recovers once the fault ends', () => {
    const ended = new FleetModel(DEMO_ESTATE, [
      { ...outage, endedAt: MONDAY_NOON + 10 * STEP_MS, endedBy: 'test' },
    ]);
    const later = MONDAY_NOON + 20 * STEP_MS;
    for (const ref of [
      'resource:default/payments-db',
      'component:default/payments-service',
      'component:default/web-storefront',
    ]) {
      expect(ended.health(ref, later).errorRatio).toBe(
        healthy.health(ref, later).errorRatio,
      );
    }
  });

  it('is a function of time and scenarios only: the same signals however the window is cut', () => {
    const shard = 'kubernetes:prod';
    const from = MONDAY_NOON - 30 * STEP_MS;
    const to = MONDAY_NOON + 30 * STEP_MS;
    const whole = signals.between(model, shard, from, to);
    const again = new FleetModel(DEMO_ESTATE, [outage]);
    const pieces = [
      ...signals.between(again, shard, from, MONDAY_NOON - 7 * STEP_MS),
      ...signals.between(
        again,
        shard,
        MONDAY_NOON - 7 * STEP_MS,
        MONDAY_NOON + 11 * STEP_MS,
      ),
      ...signals.between(again, shard, MONDAY_NOON + 11 * STEP_MS, to),
    ];
    expect(pieces).toEqual(whole);
    expect(whole.length).toBeGreaterThan(60 * 100);
  });

  it('has a daily rhythm: traffic and CPU follow the load, latency rises a little with it', () => {
    const rps = signals.series.find(
      s =>
        s.service === 'component:default/web-storefront' &&
        s.identity.name === 'http_requests_per_second',
    )!;
    const at = (hour: number) =>
      rps.value(healthy, MONDAY_NOON - 12 * HOUR_MS + hour * HOUR_MS)!;
    // 22:00 UTC against 10:00 UTC.
    expect(at(22) / at(10)).toBeGreaterThan(2.8);
    expect(at(22) / at(10)).toBeLessThan(3.9);
  });

  it('deploys services on weekdays in working hours and restarts their memory', () => {
    const service = DEMO_ESTATE.services.find(
      s => s.ref === 'component:default/checkout-service',
    )!;
    const twoWeeks = deploysBetween(
      service,
      MONDAY_NOON - 14 * DAY_MS,
      MONDAY_NOON,
    );
    expect(twoWeeks.length).toBeGreaterThan(1);
    expect(twoWeeks.length).toBeLessThanOrEqual(10);
    for (const deploy of twoWeeks) {
      const date = new Date(deploy.at);
      expect([0, 6]).not.toContain(date.getUTCDay());
      expect(date.getUTCHours()).toBeGreaterThanOrEqual(14);
      expect(date.getUTCHours()).toBeLessThan(21);
    }
    const deploy = lastDeploy(service, MONDAY_NOON + 14 * DAY_MS)!;
    const before = healthy.memoryPercent(service, deploy.at - STEP_MS, 'k');
    const after = healthy.memoryPercent(service, deploy.at + STEP_MS, 'k');
    expect(after).toBeLessThan(before);
  });
});
