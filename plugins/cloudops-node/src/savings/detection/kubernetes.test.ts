import { PriceList } from '../prices/PriceList';
import { shippedRegionPrices } from '../prices/onDemandPriceTable';
import { hourly, noise, NOW } from '../__testUtils__/shapes';
import { detectHpaWaste } from './kubernetesHpa';
import { detectIdleNode, KubernetesNodeUsage } from './kubernetesIdleNode';
import {
  detectKubernetesRequests,
  KubernetesContainerUsage,
} from './kubernetesRequests';
import {
  consolidationDisabled,
  detectKarpenterConsolidation,
  KarpenterNodePool,
} from './karpenterConsolidation';

const prices = new PriceList(shippedRegionPrices('us-east-1')!);
const MIB = 2 ** 20;
const GIB = 2 ** 30;

describe('detectKubernetesRequests', () => {
  const container = (
    overrides: Partial<KubernetesContainerUsage>,
  ): KubernetesContainerUsage => ({
    cluster: 'prod',
    namespace: 'shop',
    workloadKind: 'Deployment',
    workloadName: 'checkout',
    container: 'app',
    replicas: 6,
    nodeInstanceType: 'm5.xlarge',
    cpuRequestCores: 2,
    memoryRequestBytes: 4 * GIB,
    cpu: hourly(
      8,
      (h, _d, i) => 0.2 + 0.1 * Math.sin(h / 3.8) + 0.02 * noise(i),
    ),
    memory: hourly(8, (_h, _d, i) => 600 * MIB + 20 * MIB * noise(i, 3)),
    ...overrides,
  });

  it('recommends p90 usage + 15% (VPA), and prices the excess over every pod', () => {
    const finding = detectKubernetesRequests(container({}), prices, NOW)!;
    const cpuTarget = finding.evidence.metrics.cpuTargetCores;
    // p90 of 0.1..0.3 cores is about 0.29; + 15% ≈ 0.33.
    expect(cpuTarget).toBeGreaterThan(0.3);
    expect(cpuTarget).toBeLessThan(0.37);
    // p90 of daily peaks (≈ 620 MiB) + 15% ≈ 713 MiB.
    expect(finding.evidence.metrics.memoryTargetBytes / MIB).toBeCloseTo(
      620 * 1.15,
      -1,
    );
    expect(finding.resource).toMatchObject({
      id: 'k8s:prod/shop/deployment/checkout/app',
      labels: { namespace: 'shop', deployment: 'checkout' },
    });
    const unit = prices.kubernetesUnitMonthly('m5.xlarge');
    const expected =
      6 *
      ((2 - cpuTarget) * unit.cpuCore +
        ((4 * GIB - finding.evidence.metrics.memoryTargetBytes) / GIB) *
          unit.memoryGiB);
    // The metrics are rounded to 0.1 millicore.
    expect(finding.monthlySavings).toBeCloseTo(expected, 1);
    expect(finding.remediationParameters.requests).toEqual({
      cpu: `${Math.ceil(cpuTarget * 1000)}m`,
      memory: `${Math.ceil(
        finding.evidence.metrics.memoryTargetBytes / MIB,
      )}Mi`,
    });
  });

  it('never recommends below 25m CPU and 250 MiB', () => {
    const finding = detectKubernetesRequests(
      container({
        cpu: hourly(8, () => 0.001),
        memory: hourly(8, () => 20 * MIB),
        cpuRequestCores: 0.5,
        memoryRequestBytes: GIB,
      }),
      prices,
      NOW,
    )!;
    expect(finding.evidence.metrics.cpuTargetCores).toBe(0.025);
    expect(finding.evidence.metrics.memoryTargetBytes).toBe(250 * MIB);
  });

  it('leaves right-sized and bursty containers alone (the p90 is near the request)', () => {
    expect(
      detectKubernetesRequests(
        container({ cpuRequestCores: 0.35, memoryRequestBytes: 720 * MIB }),
        prices,
        NOW,
      ),
    ).toBeUndefined();
    // Bursts to 1.8 cores 30% of the time: p90 is at the burst.
    const bursty = hourly(8, h => (h % 10 < 3 ? 1.8 : 0.1));
    expect(
      detectKubernetesRequests(
        container({ cpu: bursty, memoryRequestBytes: 720 * MIB }),
        prices,
        NOW,
      ),
    ).toBeUndefined();
  });

  it('cuts only what is over: an unset or low request is left as it is', () => {
    const finding = detectKubernetesRequests(
      container({ memoryRequestBytes: undefined }),
      prices,
      NOW,
    )!;
    expect(finding.recommended.spec).not.toHaveProperty('memory');
    expect(finding.recommended.description).toMatch(/memory unset/);
    expect(
      detectKubernetesRequests(
        container({
          cpuRequestCores: undefined,
          memoryRequestBytes: undefined,
        }),
        prices,
        NOW,
      ),
    ).toBeUndefined();
  });
});

describe('detectIdleNode', () => {
  const node = (
    overrides: Partial<KubernetesNodeUsage>,
  ): KubernetesNodeUsage => ({
    cluster: 'prod',
    node: 'ip-10-0-1-7',
    instanceType: 'm5.2xlarge',
    allocatableCpuCores: 7.9,
    allocatableMemoryBytes: 30 * GIB,
    requestedCpuCores: 0.5,
    requestedMemoryBytes: 2 * GIB,
    workloadPods: 2,
    cpu: hourly(7, (_h, _d, i) => 0.3 + 0.05 * noise(i)),
    memory: hourly(7, () => 1.5 * GIB),
    ...overrides,
  });

  it('flags a node whose peaks stayed under 10% with requests under 50%', () => {
    const finding = detectIdleNode(node({}), prices, NOW)!;
    expect(finding.monthlySavings).toBeCloseTo(0.384 * 730, 6);
    expect(finding.recommended.action).toBe('terminate');
  });

  it('flags an empty node even when its DaemonSets are busy, unless requests pin it', () => {
    const busyDaemons = node({ workloadPods: 0, cpu: hourly(7, () => 2) });
    expect(detectIdleNode(busyDaemons, prices, NOW)).toBeDefined();
    expect(
      detectIdleNode({ ...busyDaemons, requestedCpuCores: 4.5 }, prices, NOW),
    ).toBeUndefined();
  });

  it('does not flag a node with a burst, nor one seen for less than the window', () => {
    const burst = node({
      cpu: hourly(7, (h, d) => (d === 3 && h === 12 ? 3 : 0.3)),
    });
    expect(detectIdleNode(burst, prices, NOW)).toBeUndefined();
    expect(
      detectIdleNode(node({ cpu: hourly(2, () => 0.1) }), prices, NOW),
    ).toBeUndefined();
  });
});

describe('detectHpaWaste', () => {
  const workload = {
    cluster: 'prod',
    namespace: 'shop',
    workloadKind: 'Deployment' as const,
    workloadName: 'search',
    replicas: 10,
    podCpuRequestCores: 1,
    podMemoryRequestBytes: 2 * GIB,
    // A daily cycle between 1 and 7 cores in all.
    cpu: hourly(8, h => 4 + 3 * Math.sin((2 * Math.PI * h) / 24)),
  };

  it('replays usage through an HPA when there is none', () => {
    const finding = detectHpaWaste(workload, prices, NOW)!;
    expect(finding.title).toMatch(/has no HPA/);
    const { averageDesired, peakDesired } = finding.evidence.metrics;
    expect(peakDesired).toBe(10);
    expect(averageDesired).toBeGreaterThan(5);
    expect(averageDesired).toBeLessThan(8);
    expect(finding.recommended.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
      targetCpuUtilization: 70,
    });
    const unit = prices.kubernetesUnitMonthly();
    expect(finding.monthlySavings).toBeCloseTo(
      (10 - averageDesired) * (unit.cpuCore + 2 * unit.memoryGiB),
      1,
    );
  });

  it('flags min = max, and leaves a real HPA or a flat load alone', () => {
    expect(
      detectHpaWaste(
        { ...workload, hpa: { minReplicas: 10, maxReplicas: 10 } },
        prices,
        NOW,
      )?.title,
    ).toMatch(/min = max = 10/);
    expect(
      detectHpaWaste(
        { ...workload, hpa: { minReplicas: 2, maxReplicas: 12 } },
        prices,
        NOW,
      ),
    ).toBeUndefined();
    expect(
      detectHpaWaste({ ...workload, cpu: hourly(8, () => 6.9) }, prices, NOW),
    ).toBeUndefined();
    expect(
      detectHpaWaste({ ...workload, replicas: 2 }, prices, NOW),
    ).toBeUndefined();
  });
});

describe('detectKarpenterConsolidation', () => {
  const pool = (overrides: Partial<KarpenterNodePool>): KarpenterNodePool => ({
    cluster: 'prod',
    name: 'general',
    consolidationPolicy: 'WhenEmpty',
    nodes: Array.from({ length: 6 }, (_, i) => ({
      node: `n${i}`,
      instanceType: 'm5.xlarge',
      allocatableCpuCores: 3.9,
      allocatableMemoryBytes: 15 * GIB,
      requestedCpuCores: 1,
      requestedMemoryBytes: 3 * GIB,
    })),
    ...overrides,
  });

  it('knows when consolidation is off', () => {
    expect(consolidationDisabled(pool({}))).toMatch(/WhenEmpty/);
    expect(
      consolidationDisabled(
        pool({
          consolidationPolicy: 'WhenEmptyOrUnderutilized',
          consolidateAfter: 'Never',
        }),
      ),
    ).toMatch(/Never/);
    expect(
      consolidationDisabled(
        pool({ consolidationPolicy: undefined, consolidationEnabled: false }),
      ),
    ).toMatch(/enabled is false/);
    expect(
      consolidationDisabled(
        pool({ consolidationPolicy: 'WhenEmptyOrUnderutilized' }),
      ),
    ).toBeUndefined();
  });

  it('prices the nodes packing would free', () => {
    // 6 cores and 18 GiB requested fit on 2 nodes packed to 80%: 4 freed.
    const finding = detectKarpenterConsolidation(pool({}), prices)!;
    expect(finding.evidence.metrics).toEqual({
      nodes: 6,
      neededNodes: 2,
      freedNodes: 4,
    });
    expect(finding.monthlySavings).toBeCloseTo(4 * 0.192 * 730, 6);
    expect(finding.evidence.charts[0].categories).toHaveLength(6);
  });

  it('leaves a consolidating or a full pool alone', () => {
    expect(
      detectKarpenterConsolidation(
        pool({ consolidationPolicy: 'WhenEmptyOrUnderutilized' }),
        prices,
      ),
    ).toBeUndefined();
    const full = pool({});
    full.nodes.forEach(n => {
      n.requestedCpuCores = 3.5;
    });
    expect(detectKarpenterConsolidation(full, prices)).toBeUndefined();
  });
});
