import {
  DEFAULT_SAVINGS_THRESHOLDS,
  PriceList,
  shippedRegionPrices,
  WasteFinding,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DemoClock } from '../clock';
import { DEMO_ESTATE } from '../estate/estate';
import { DemoFleet } from '../fleet/DemoFleet';
import { ScenarioStore } from '../scenarios/ScenarioStore';
import { DemoWasteDetector } from './DemoWasteDetector';

/** A fleet with no injected scenario, at a fixed wall time. */
function quietFleet(wall: number) {
  const noScenarios = {
    overlapping: async () => [],
  } as unknown as ScenarioStore;
  return new DemoFleet(new DemoClock(1, () => wall), noScenarios);
}

async function detectAll(detector: DemoWasteDetector, now: Date) {
  const byShard: Record<string, WasteFinding[]> = {};
  for (const shard of await detector.shards()) {
    byShard[shard] = await detector.detect({
      shard,
      now,
      signal: new AbortController().signal,
      thresholds: DEFAULT_SAVINGS_THRESHOLDS,
      prices: async region => {
        const table = shippedRegionPrices(region);
        return table && new PriceList(table);
      },
    });
  }
  return byShard;
}

jest.setTimeout(120_000);

describe('DemoWasteDetector', () => {
  const wall = Date.parse('2026-11-20T10:30:00Z');
  const detector = new DemoWasteDetector(quietFleet(wall), undefined);

  it('finds the idle, orphaned and oversized resources of each account in 14 days of usage', async () => {
    const byShard = await detectAll(detector, new Date(wall));
    expect(Object.keys(byShard).sort()).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
    ]);
    const all = Object.values(byShard).flat();
    const summary = all.map(f => `${f.kind} ${f.resource.name}`).sort();
    expect(summary).toEqual(
      expect.arrayContaining([
        'ec2-idle jenkins-legacy',
        'ebs-orphan etl-scratch',
        'ebs-orphan checkout-load-test',
        'ebs-orphan reporting-db-migration',
        'rds-idle analytics-db-2023',
        'load-balancer-idle promo-2024',
      ]),
    );
    // Each finding is in its own account's shard (the cluster's for
    // Kubernetes), and is priced.
    for (const [shard, findings] of Object.entries(byShard)) {
      for (const finding of findings) {
        expect(finding.resource.account ?? DEMO_ESTATE.cluster.account).toBe(
          shard,
        );
        expect(finding.monthlySavings).toBeGreaterThan(0);
      }
    }
    // Oversized resources of catalog services are attached to their entity.
    const oversized = all.filter(f => f.entityRef);
    expect(oversized.length).toBeGreaterThan(0);
    for (const finding of oversized) {
      expect(finding.entityRef).toMatch(/^(component|resource):/);
    }
  });

  it("prices an account's resources in its currency, and leaves its cluster's nodes to the Kubernetes detection", async () => {
    const { cluster } = DEMO_ESTATE;
    const findings = await detector.detect({
      shard: cluster.account,
      now: new Date(wall),
      signal: new AbortController().signal,
      thresholds: DEFAULT_SAVINGS_THRESHOLDS,
      prices: async (region, account) => {
        const list = new PriceList(shippedRegionPrices(region)!);
        return account === cluster.account ? list.convert('EUR', 0.9) : list;
      },
    });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter(f => f.currency !== 'EUR')).toEqual([]);
    // An idle node is the idle-node detection's, not also an idle instance.
    const nodes = cluster.nodes.map(n => n.instanceId);
    expect(
      findings
        .filter(f => f.resource.type === 'ec2:instance')
        .filter(f => nodes.some(id => f.resource.id.endsWith(`/${id}`))),
    ).toEqual([]);
    expect(findings.map(f => f.kind)).toContain('kubernetes-idle-node');
  });

  it('is deterministic: the same time finds the same opportunities', async () => {
    const again = await detectAll(
      new DemoWasteDetector(quietFleet(wall), undefined),
      new Date(wall),
    );
    const first = await detectAll(detector, new Date(wall));
    expect(again).toEqual(first);
  });

  it('names the shards it has for an unknown one', async () => {
    await expect(
      detector.detect({
        shard: '999999999999',
        now: new Date(wall),
        signal: new AbortController().signal,
        thresholds: DEFAULT_SAVINGS_THRESHOLDS,
        prices: async () => undefined,
      }),
    ).rejects.toThrow(
      'The demo fleet has no account 999999999999; its shards are 111111111111, 222222222222, 333333333333',
    );
  });
});
