import { Entity } from '@backstage/catalog-model';
import { engineFor, feed, summarize } from '../__testUtils__/engine';
import { metric, minutes, rule } from '../__testUtils__/signals';

const heartbeatAbsent10m = rule(
  { type: 'absent', for: '10m' },
  { id: 'no-heartbeat', match: { name: 'heartbeat' } },
);

describe('absent condition', () => {
  it('fires on tick once a seen series has been silent for `for`, once', async () => {
    const engine = engineFor([heartbeatAbsent10m]);
    const last = metric('heartbeat', 1, 0);
    expect(await feed(engine, [last])).toEqual([[]]);
    expect(await engine.tick(minutes(9.9))).toEqual([]);

    const fired = await engine.tick(minutes(10));
    expect(summarize(fired)).toEqual([
      'firing: no heartbeat signal for 10m (last at 2026-01-01T00:00:00.000Z)',
    ]);
    expect(fired[0].signal).toBe(last);
    expect(fired[0].dedupKey).toBe('no-heartbeat:heartbeat-series');
    expect(await engine.tick(minutes(11))).toEqual([]);
  });

  it('resolves on the next datapoint and can fire again', async () => {
    const engine = engineFor([heartbeatAbsent10m]);
    await feed(engine, [metric('heartbeat', 1, 0)]);
    await engine.tick(minutes(10));
    expect(
      await feed(engine, [
        metric('heartbeat', 1, 12),
        metric('heartbeat', 1, 13),
      ]),
    ).toEqual([['resolved: heartbeat signal received again'], []]);
    expect(await engine.tick(minutes(22.9))).toEqual([]);
    expect(summarize(await engine.tick(minutes(23)))).toEqual([
      'firing: no heartbeat signal for 10m (last at 2026-01-01T00:13:00.000Z)',
    ]);
  });

  it('never fires for series it has not seen', async () => {
    const engine = engineFor([heartbeatAbsent10m]);
    await feed(engine, [metric('other', 1, 0)]);
    expect(await engine.tick(minutes(60))).toEqual([]);
  });

  it('tracks each series on its own', async () => {
    const engine = engineFor([heartbeatAbsent10m]);
    await feed(engine, [
      metric('heartbeat', 1, 0, { fingerprint: 'host-a' }),
      metric('heartbeat', 1, 0, { fingerprint: 'host-b' }),
      metric('heartbeat', 1, 8, { fingerprint: 'host-b' }),
    ]);
    const fired = await engine.tick(minutes(10));
    expect(fired.map(e => e.signal.fingerprint)).toEqual(['host-a']);
  });

  it('keeps the latest signal and its entity, not a late older one', async () => {
    const engine = engineFor([heartbeatAbsent10m]);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'Cart-Service' },
    };
    await engine.evaluate(metric('heartbeat', 1, 5), { entity });
    await engine.evaluate(metric('heartbeat', 2, 4), {});
    const [fired] = await engine.tick(minutes(15));
    expect(fired.signal.value).toBe(1);
    expect(fired.dedupKey).toBe('no-heartbeat:component:default/cart-service');
  });
});
