import {
  Opportunity,
  OpportunityKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  DEFAULT_SAVINGS_THRESHOLDS,
  percentile,
  PriceList,
  shippedRegionPrices,
  WasteObservationContext,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { key } from '../kubernetes/KubernetesUsage';
import { observeNodes } from './observeNodes';
import { observeWorkloads } from './observeWorkloads';
import { WorkloadSeries } from './readWorkloads';

const HOUR = 3_600_000;
const NOW = new Date('2026-11-22T12:00:00Z');
const FROM = new Date(NOW.getTime() - 24 * HOUR);
const prices = new PriceList(shippedRegionPrices('us-east-1')!);
/** p99 of a day of hourly CPU with one busy hour. */
const p99 = (busy: number, calm: number) =>
  percentile(
    Array.from({ length: 24 }, (_, h) => (h === 12 ? busy : calm)),
    99,
  )!;

function context(
  kind: OpportunityKind,
  parameters: Record<string, unknown>,
  monthlyCost = 100,
): WasteObservationContext {
  return {
    shard: 'prod',
    signal: new AbortController().signal,
    now: NOW,
    thresholds: DEFAULT_SAVINGS_THRESHOLDS,
    prices: async () => prices,
    opportunities: [
      {
        id: 'o-1',
        kind,
        remediation: { template: 't', parameters },
        current: { description: '', monthlyCost },
        observeFrom: FROM,
      } as unknown as Opportunity & { observeFrom: Date },
    ],
  };
}

/** Hourly points over the window, valued by hour. */
const hourly = (value: (hour: number) => number) =>
  Array.from({ length: 24 }, (_, h) => ({
    timestamp: FROM.getTime() + h * HOUR,
    value: value(h),
  }));

function api(cpuRequestCores: number, memoryRequestBytes: number) {
  const workload: WorkloadSeries = {
    namespace: 'shop',
    kind: 'Deployment',
    name: 'api',
    pods: ['api-1', 'api-2'],
    nodeInstanceType: 'm5.xlarge',
    containers: new Map([
      [
        'app',
        {
          cpuRequestCores,
          memoryRequestBytes,
          cpu: hourly(h => (h === 12 ? 0.3 : 0.1)),
          memory: hourly(() => 600 * 2 ** 20),
        },
      ],
    ]),
    cpuTotal: hourly(h => (h === 12 ? 0.6 : 0.2)),
  };
  return workload;
}

const requestsParams = {
  namespace: 'shop',
  workloadKind: 'Deployment',
  workloadName: 'api',
  container: 'app',
  requests: { cpu: '231m', memory: '690Mi' },
};

describe('observeWorkloads', () => {
  it('finds new requests in place, prices them over the window and measures how busy they are', () => {
    const [seen] = observeWorkloads(
      context('kubernetes-requests', requestsParams),
      [api(0.231, 690 * 2 ** 20)],
      new Map(),
      prices,
    );
    const unit = prices.kubernetesUnitMonthly('m5.xlarge');
    expect(seen).toMatchObject({
      opportunityId: 'o-1',
      applied: true,
      windowStart: FROM,
      windowEnd: NOW,
      costSource: 'usage-x-price',
    });
    expect(seen.actualCost).toBeCloseTo(
      (2 * (0.231 * unit.cpuCore + (690 / 1024) * unit.memoryGiB) * 24) / 730,
      6,
    );
    // CPU p99 over 231m is the busier share (memory: 600 of 690 MiB).
    expect(seen.peakUtilization).toBeCloseTo(p99(0.3, 0.1) / 0.231, 6);
    expect(seen.peakUtilization).toBeGreaterThan(1);
  });

  it('says the change is not in place while the old requests stay', () => {
    const [seen] = observeWorkloads(
      context('kubernetes-requests', requestsParams),
      [api(1.5, 4 * 2 ** 30)],
      new Map(),
      prices,
    );
    expect(seen.applied).toBe(false);
    expect(seen.peakUtilization).toBeCloseTo(
      Math.max(p99(0.3, 0.1) / 1.5, 600 / 4096),
      6,
    );
  });

  it('finds an HPA that can scale, and a workload that is gone costs nothing', () => {
    const params = { ...requestsParams, container: undefined };
    const scaling = new Map([
      [
        key('shop', 'Deployment', 'api'),
        { replicas: 2, hpa: { name: 'api', minReplicas: 2, maxReplicas: 5 } },
      ],
    ]);
    const [hpa] = observeWorkloads(
      context('kubernetes-hpa', params),
      [api(0.5, 2 ** 30)],
      scaling,
      prices,
    );
    expect(hpa.applied).toBe(true);
    // All pods' CPU p99 over two pods' 0.5-core requests.
    expect(hpa.peakUtilization).toBeCloseTo(p99(0.6, 0.2) / 1, 6);
    const [gone] = observeWorkloads(
      context('kubernetes-hpa', params),
      [],
      new Map(),
      prices,
    );
    expect(gone).toMatchObject({ applied: true, actualCost: 0 });
  });
});

describe('observeNodes', () => {
  const node = (name: string, lastHour: number) => ({
    cluster: 'prod',
    node: name,
    instanceType: 'm5.xlarge',
    nodePool: 'default',
    allocatableCpuCores: 4,
    allocatableMemoryBytes: 16 * 2 ** 30,
    requestedCpuCores: 1,
    requestedMemoryBytes: 2 ** 30,
    workloadPods: 1,
    cpu: hourly(() => 0.1).slice(0, lastHour + 1),
    memory: [],
  });

  it('finds a removed idle node, costing the hours it still ran', () => {
    const [seen] = observeNodes(
      context('kubernetes-idle-node', { node: 'node-idle' }, 730),
      { present: [], gone: [node('node-idle', 6)] },
      [],
      prices,
    );
    expect(seen.applied).toBe(true);
    expect(seen.actualCost).toBeCloseTo(6, 6);
    const [still] = observeNodes(
      context('kubernetes-idle-node', { node: 'node-idle' }, 730),
      { present: [node('node-idle', 23)], gone: [] },
      [],
      prices,
    );
    expect(still).toMatchObject({ applied: false });
    expect(still.actualCost).toBeCloseTo(24, 6);
  });

  it('finds a NodePool that consolidates now and prices its nodes', () => {
    const pool = (policy: string) => ({
      cluster: 'prod',
      name: 'default',
      consolidationPolicy: policy,
      nodes: [node('a', 23), node('b', 23)],
    });
    const params = { nodePool: 'default' };
    const [seen] = observeNodes(
      context('karpenter-consolidation', params),
      { present: [], gone: [] },
      [pool('WhenEmptyOrUnderutilized')],
      prices,
    );
    expect(seen.applied).toBe(true);
    expect(seen.actualCost).toBeCloseTo(2 * 0.192 * 24, 6);
    const [not] = observeNodes(
      context('karpenter-consolidation', params),
      { present: [], gone: [] },
      [pool('WhenEmpty')],
      prices,
    );
    expect(not.applied).toBe(false);
  });
});
