import { mockServices } from '@backstage/backend-test-utils';
import { RcaSeriesRequest } from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';
import {
  PrometheusSeries,
  PrometheusSeriesService,
  SeriesRangeRequest,
} from '../prometheus/PrometheusSeries';
import { ESTATE, kubernetesHistory } from '../__testUtils__/kubernetesHistory';
import { toOpenMetrics } from '../__testUtils__/openMetrics';
import {
  describeWithBinaries,
  prometheusForSuite,
} from '../__testUtils__/realServers';
import { startCloudopsBackend } from '../__testUtils__/testBackend';
import { podPattern, PrometheusRcaSeries } from './PrometheusRcaSeries';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const END = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const START = END - 2 * 60 * MINUTE;

describe('podPattern', () => {
  const matches = (workload: string, pod: string) =>
    new RegExp(`^(?:${podPattern(workload)})$`).test(pod);

  it('matches the pods of a workload by their generated names', () => {
    expect(matches('checkout', ESTATE.checkoutPod)).toBe(true);
    expect(matches('kafka', 'kafka-0')).toBe(true);
    expect(matches('node-exporter', 'node-exporter-b7k2q')).toBe(true);
    expect(matches('report', 'report-28734120-x2x4q')).toBe(true);
    expect(matches('checkout', 'checkout-api-7d9f8c6b5-x2x4q')).toBe(false);
    expect(matches('kafka', 'kafka')).toBe(false);
    expect(matches('a.b', 'axb-0')).toBe(false);
  });
});

describe('PrometheusRcaSeries', () => {
  const HOUR = 3600_000;
  const FROM = new Date(Date.UTC(2026, 10, 20, 11));
  const entity = (name: string) => ({
    ref: `component:default/${name}`,
    annotations: { 'backstage.io/kubernetes-id': name },
  });

  /** A series service of clusters prod and stg that answers one point a query. */
  function fakeSeries(
    answer: (request: SeriesRangeRequest) => Promise<void> = async () => {},
  ) {
    const asked: SeriesRangeRequest[] = [];
    const series: PrometheusSeriesService = {
      clusters: () => ['prod', 'stg'],
      readRange: async range => {
        asked.push(range);
        await answer(range);
        return [{ labels: {}, points: [{ timestamp: 1, value: 1 }] }];
      },
    };
    const logger = mockServices.logger.mock();
    return {
      asked,
      logger,
      provider: new PrometheusRcaSeries({ series, logger }),
    };
  }

  const collect = (
    provider: PrometheusRcaSeries,
    overrides: Partial<RcaSeriesRequest>,
  ) =>
    provider.collect({
      incidentId: 'i-1',
      entities: [entity('cart')],
      signals: [{ source: 'prometheus', account: 'prod', labels: {} }],
      from: FROM,
      to: new Date(FROM.getTime() + 2 * HOUR),
      signal: new AbortController().signal,
      ...overrides,
    });

  it("asks the cluster a signal's source was configured for, and a cluster label only when it names one", async () => {
    const clustersAsked = async (signals: RcaSeriesRequest['signals']) => {
      const { asked, provider } = fakeSeries();
      await collect(provider, { signals });
      return [...new Set(asked.map(a => a.cluster))];
    };
    // The webhook's receiver is for prod; Prometheus' external label differs.
    expect(
      await clustersAsked([
        {
          source: 'alertmanager',
          account: 'prod',
          labels: { cluster: 'eks-prod-use1' },
        },
      ]),
    ).toEqual(['prod']);
    expect(
      await clustersAsked([
        { source: 'alertmanager', labels: { cluster: 'stg' } },
      ]),
    ).toEqual(['stg']);
    expect(
      await clustersAsked([
        { source: 'alertmanager', account: 'eks', labels: { cluster: 'stg' } },
      ]),
    ).toEqual(['stg']);
  });

  it('keeps the series of the reads that succeed and logs those that fail', async () => {
    const { provider, logger } = fakeSeries(async range => {
      if (range.query.includes('restarts')) {
        throw new Error('Prometheus of cluster prod rejected the query');
      }
    });
    const series = await collect(provider, {});
    expect(series.map(s => s.metric)).toEqual([
      'container_cpu_usage_cores',
      'container_memory_working_set_bytes',
      'container_cpu_throttled_ratio',
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'RCA of incident i-1: 1 of 4 Prometheus series not read: kube_pod_container_restarts of component:default/cart on cluster prod: Prometheus of cluster prod rejected the query',
    );
  });

  it('has a few queries in flight at a time and starts none once the RCA gives up', async () => {
    let inFlight = 0;
    let most = 0;
    const { asked, provider } = fakeSeries(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise(resolve => setTimeout(resolve, 2));
      inFlight--;
    });
    const entities = Array.from({ length: 30 }, (_, i) => entity(`svc${i}`));
    const signals = ['prod', 'stg'].map(account => ({
      source: 'prometheus',
      account,
      labels: {},
    }));
    const series = await collect(provider, { entities, signals });
    expect(asked).toHaveLength(240);
    expect(series).toHaveLength(240);
    expect(most).toBe(6);

    const controller = new AbortController();
    const stopped = fakeSeries(async () => controller.abort());
    await collect(stopped.provider, {
      entities,
      signals,
      signal: controller.signal,
    });
    expect(stopped.asked.length).toBeLessThanOrEqual(6);
  });

  it("reads at the engine's step over at most 960 steps, with windows of at least 5 minutes", async () => {
    const read = async (overrides: Partial<RcaSeriesRequest>) => {
      const { asked, provider } = fakeSeries();
      await collect(provider, overrides);
      const restarts = asked.find(a => a.query.includes('restarts'))!;
      return {
        stepMs: restarts.stepMs,
        hours: (restarts.end.getTime() - restarts.start.getTime()) / HOUR,
        window: restarts.query.match(/\[(\d+s)\]/)![1],
      };
    };
    // Two days after the fault, at the engine's 15 s step.
    const twoDays = new Date(FROM.getTime() + 49 * HOUR);
    expect(await read({ to: twoDays, stepMs: 15_000 })).toEqual({
      stepMs: 15_000,
      hours: 4,
      window: '300s',
    });
    expect(await read({ to: twoDays, stepMs: 600_000 })).toEqual({
      stepMs: 600_000,
      hours: 49,
      window: '600s',
    });
    // An engine that sends no step: the window in 240 steps.
    expect(await read({ to: twoDays })).toEqual({
      stepMs: 735_000,
      hours: 49,
      window: '735s',
    });
  });
});

describeWithBinaries(
  ['prometheus', 'promtool'],
  'RCA series from a real Prometheus',
  () => {
    const prometheus = prometheusForSuite('rca-series', () => ({
      history: toOpenMetrics(
        kubernetesHistory({ start: START, end: END, troubled: true }),
      ),
    }));

    const entities: RcaSeriesRequest['entities'] = [
      {
        ref: 'component:default/checkout',
        annotations: {
          'backstage.io/kubernetes-id': 'checkout',
          'backstage.io/kubernetes-namespace': 'shop',
        },
      },
      {
        ref: 'component:default/kafka',
        annotations: {
          'backstage.io/kubernetes-id': 'kafka',
          'cloudops.ai/kubernetes-clusters': 'prod',
        },
      },
      {
        ref: 'component:default/platform',
        annotations: { 'prometheus.io/labels': 'node=node-b' },
      },
    ];

    const provider = () =>
      new PrometheusRcaSeries({
        logger: mockServices.logger.mock(),
        series: new PrometheusSeries(
          new PrometheusClusters({
            clusters: [
              {
                name: 'prod',
                prometheus: {
                  url: prometheus.url,
                  headers: {},
                  timeoutMs: 10_000,
                },
              },
            ],
            query: {
              frequencyMs: MINUTE,
              stepMs: MINUTE,
              lookbackMs: 10 * MINUTE,
              maxResponseBytes: 4 * 1024 * 1024,
              maxSeries: 100,
            },
          }),
        ),
      });
    const ask = (
      signals: Array<{
        source: string;
        account?: string;
        labels: Record<string, string>;
      }>,
      candidates = entities,
    ) =>
      provider().collect({
        incidentId: 'i-1',
        entities: candidates,
        signals,
        from: new Date(END - 90 * MINUTE),
        to: new Date(END),
        signal: AbortSignal.timeout(20_000),
      });

    it("reads the candidates' workload series from the incident's cluster", async () => {
      const series = await ask([
        { source: 'alertmanager', account: 'prod', labels: {} },
      ]);
      const of = (ref: string, metric: string) =>
        series.find(s => s.entityRef === ref && s.metric === metric);
      expect(
        series.every(s => s.entityRef !== 'component:default/platform'),
      ).toBe(true);

      const kafkaCpu = of(
        'component:default/kafka',
        'container_cpu_usage_cores',
      )!;
      const peak = Math.max(...kafkaCpu.points.map(p => p.value));
      expect(peak).toBeCloseTo(0.99, 2);
      const [spikeFrom] = ESTATE.spikeMinutesBeforeEnd;
      expect(
        kafkaCpu.points.find(p => p.timestamp < END - (spikeFrom + 6) * MINUTE)
          ?.value,
      ).toBeCloseTo(0.5, 2);
      const throttled = of(
        'component:default/kafka',
        'container_cpu_throttled_ratio',
      )!;
      expect(Math.max(...throttled.points.map(p => p.value))).toBeCloseTo(
        0.6,
        2,
      );

      const restarts = of(
        'component:default/checkout',
        'kube_pod_container_restarts',
      )!;
      expect(restarts.points[0].value).toBe(0);
      expect(restarts.points[restarts.points.length - 1].value).toBeGreaterThan(
        0,
      );
      expect(
        of('component:default/checkout', 'container_memory_working_set_bytes')!
          .points[0].value,
      ).toBe(100 * 1024 * 1024);
    });

    it('reads nothing for incidents from elsewhere, clusters it does not know or that an entity excludes', async () => {
      expect(
        await ask([{ source: 'cloudwatch', account: 'prod', labels: {} }]),
      ).toEqual([]);
      expect(
        await ask([{ source: 'prometheus', account: 'dev', labels: {} }]),
      ).toEqual([]);
      const excluded = await ask(
        [{ source: 'prometheus', labels: { cluster: 'prod' } }],
        [
          {
            ref: 'component:default/kafka',
            annotations: {
              'backstage.io/kubernetes-id': 'kafka',
              'cloudops.ai/kubernetes-clusters': 'stg',
            },
          },
        ],
      );
      expect(excluded).toEqual([]);
    });

    it('gives an incident from Alertmanager series evidence in its RCA, through the plugin', async () => {
      const { server } = await startCloudopsBackend({
        cloudops: {
          rca: { debounce: { milliseconds: 50 } },
          prometheus: {
            clusters: [{ name: 'prod', prometheus: { url: prometheus.url } }],
            waste: { enabled: false },
          },
        },
      });
      await request(server)
        .post('/api/cloudops/signals')
        .send({
          signals: [
            {
              source: 'alertmanager',
              kind: 'alert',
              name: 'KubePodCrashLooping',
              status: 'firing',
              account: 'prod',
              resource: `shop/${ESTATE.checkoutPod}`,
              timestamp: new Date(END - 15 * MINUTE).toISOString(),
              labels: {
                namespace: 'shop',
                pod: ESTATE.checkoutPod,
                severity: 'critical',
              },
              message: 'checkout is crash-looping',
            },
          ],
        })
        .expect(202);
      const incidents = await request(server)
        .get('/api/cloudops/incidents')
        .expect(200);
      const incident = incidents.body.items.find(
        (i: any) => i.entityRef === 'component:default/checkout',
      );
      expect(incident).toBeDefined();

      let rca: any;
      for (let i = 0; i < 200 && !rca; i++) {
        const res = await request(server).get(
          `/api/cloudops/incidents/${incident.id}/rca`,
        );
        if (res.status === 200) rca = res.body;
        else await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(rca).toBeDefined();
      // The alert's step series plus the workload's four Prometheus series.
      expect(rca.inputs.series).toBeGreaterThanOrEqual(5);
      const checkout = rca.ranking.find(
        (c: any) => c.service === 'component:default/checkout',
      );
      expect(JSON.stringify(checkout.evidence)).toContain(
        'kube_pod_container_restarts',
      );
    });
  },
);
