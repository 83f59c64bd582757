import { mockServices } from '@backstage/backend-test-utils';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { createServer, Server } from 'node:http';
import { ClusterOptions, QueryOptions } from '../config';
import { KubernetesUsage } from '../kubernetes/KubernetesUsage';
import { PromqlSource } from '../source/PromqlSource';
import { ESTATE, kubernetesHistory } from '../__testUtils__/kubernetesHistory';
import { toOpenMetrics } from '../__testUtils__/openMetrics';
import {
  describeWithBinaries,
  freePort,
  RunningServer,
  startPrometheus,
  tempDir,
} from '../__testUtils__/realServers';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusClusters } from './PrometheusClusters';
import { PrometheusSeries } from './PrometheusSeries';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const MiB = 1024 * 1024;
/** The end of the loaded history: a whole minute, a minute ago. */
const END = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const START = END - 2 * 60 * MINUTE;

/** bcrypt (cost 4) of "stg-s3cret", the password of stg's Prometheus. */
const STG_PASSWORD_BCRYPT =
  '$2b$04$Fc7ZtWd9kh9ftXEZCXgi5.6YoKDn3yH2KPpJzdzKLBLUuXsyRLCvq';

const QUERY: QueryOptions = {
  frequencyMs: MINUTE,
  stepMs: MINUTE,
  lookbackMs: 10 * MINUTE,
  maxResponseBytes: 4 * MiB,
  maxSeries: 1000,
};

const rules: Rule[] = [
  {
    id: 'crash-looping',
    match: {
      kind: 'metric',
      source: 'prometheus',
      name: 'kube_pod_crash_looping',
    },
    condition: { type: 'threshold', op: '>', value: 0 },
    severity: 'critical',
  },
  {
    id: 'shop-cpu',
    query: {
      promql: {
        expr: 'sum by (namespace) (rate(container_cpu_usage_seconds_total{namespace="shop"}[5m]))',
        step: '5m',
      },
    },
    match: { name: 'shop_cpu_cores' },
    condition: { type: 'threshold', op: '>', value: 10 },
    severity: 'warning',
  },
  {
    id: 'kafka-memory',
    match: {
      source: 'prometheus',
      name: 'container_memory_working_set_bytes',
      labels: { namespace: 'data' },
    },
    condition: { type: 'threshold', op: '>', value: 3e9 },
    severity: 'warning',
  },
  {
    id: 'dev-only',
    query: { promql: { expr: 'vector(1)', clusters: ['dev'] } },
    match: { name: 'dev_heartbeat' },
    condition: { type: 'absent', for: '5m' },
    severity: 'info',
  },
];

describeWithBinaries(
  ['prometheus', 'promtool'],
  'against real Prometheus servers with a loaded history',
  () => {
    const servers: Record<string, RunningServer> = {};
    const cleanups: Array<() => Promise<void>> = [];

    beforeAll(async () => {
      for (const [cluster, troubled, webConfig] of [
        ['prod', true, undefined],
        ['dev', false, undefined],
        // stg asks for basic auth, as a Prometheus behind its own web config does.
        ['stg', false, { basic_auth_users: { cloudops: STG_PASSWORD_BCRYPT } }],
      ] as const) {
        const { dir, remove } = await tempDir(`prom-${cluster}`);
        const history = toOpenMetrics(
          kubernetesHistory({ start: START, end: END, troubled }),
        );
        servers[cluster] = await startPrometheus({ dir, history, webConfig });
        cleanups.push(servers[cluster].stop, remove);
      }
    });

    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
    });

    function clusters(
      overrides: Partial<QueryOptions> = {},
      extra: ClusterOptions[] = [],
    ) {
      const server = (name: string) => ({
        url: servers[name].url,
        headers: {},
        timeoutMs: 10_000,
      });
      return new PrometheusClusters({
        clusters: [
          {
            name: 'prod',
            environment: 'production',
            prometheus: server('prod'),
          },
          {
            name: 'dev',
            environment: 'development',
            prometheus: server('dev'),
          },
          ...extra,
        ],
        query: { ...QUERY, ...overrides },
      });
    }

    it('reads the history back with range and instant queries', async () => {
      const client = clusters().client('prod');
      const range = await client.queryRange({
        query: `container_memory_working_set_bytes{pod="${ESTATE.cartPods[1]}"}`,
        start: END - 10 * MINUTE,
        end: END,
        stepMs: MINUTE,
      });
      expect(range).toHaveLength(1);
      expect(range[0].name).toBe('container_memory_working_set_bytes');
      expect(range[0].labels).toMatchObject({
        namespace: 'shop',
        container: 'app',
      });
      expect(range[0].points).toEqual(
        Array.from({ length: 11 }, (_, i) => ({
          timestamp: END - 10 * MINUTE + i * MINUTE,
          value: 500 * MiB,
        })),
      );
      const instant = await client.query({
        query:
          'sum(rate(container_cpu_usage_seconds_total{namespace="shop"}[5m]))',
        time: END,
      });
      expect(instant[0].points[0].value).toBeCloseTo(0.55, 6);
    });

    it('reads each cluster with its own credentials', async () => {
      const stg = (password: string) =>
        new PrometheusClient({
          cluster: 'stg',
          server: {
            url: servers.stg.url,
            credentials: { type: 'basic', username: 'cloudops', password },
            headers: {},
            timeoutMs: 10_000,
          },
          limits: QUERY,
        });
      const [nodes] = await stg('stg-s3cret').query({
        query: 'count(kube_node_status_allocatable{resource="cpu"})',
        time: END,
      });
      expect(nodes.points[0].value).toBe(3);
      await expect(
        stg('wrong').query({ query: 'up', time: END }),
      ).rejects.toMatchObject({
        reason: 'unauthorized',
        message: `Prometheus of cluster stg (${servers.stg.url}) answered 401 Unauthorized: check the configured credentials`,
      });
    });

    it('serves series ranges for evidence', async () => {
      const series = new PrometheusSeries(clusters());
      expect(series.clusters()).toEqual(['prod', 'dev']);
      const [kafka] = await series.readRange({
        cluster: 'prod',
        query: `sum(rate(container_cpu_usage_seconds_total{pod="${ESTATE.kafkaPod}"}[1m]))`,
        start: new Date(END - 70 * MINUTE),
        end: new Date(END - 40 * MINUTE),
        stepMs: MINUTE,
      });
      const values = kafka.points.map(p => Number(p.value.toFixed(2)));
      // 0.5 cores, the spike of 0.99 from 60 to 50 minutes before the end, 0.5 again.
      expect(values.slice(0, 9)).toEqual(Array(9).fill(0.5));
      expect(values.slice(12, 20)).toEqual(Array(8).fill(0.99));
      expect(values.slice(23)).toEqual(Array(8).fill(0.5));
      await expect(
        series.readRange({
          cluster: 'stg',
          query: 'up',
          start: new Date(END - MINUTE),
          end: new Date(END),
        }),
      ).rejects.toThrow(
        'No Prometheus is configured for cluster "stg"; configured: prod, dev',
      );
      await expect(
        series.readRange({
          cluster: 'prod',
          query: 'up',
          start: new Date(START),
          end: new Date(END),
          stepMs: 100,
        }),
      ).rejects.toThrow(/more than 11000 points; use a longer step/);
    });

    it('turns what the rules look at into signals, per cluster, step by step', async () => {
      let now = END + 30_000;
      const source = new PromqlSource({
        clusters: clusters(),
        options: QUERY,
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      expect(await source.shards()).toEqual(['prod', 'dev']);
      const signal = new AbortController().signal;

      const prod = await source.read({ signal, shard: 'prod', rules });
      expect(prod.problems).toEqual([]);
      const byName = (name: string) =>
        prod.signals.filter(s => s.name === name);

      const crash = byName('kube_pod_crash_looping');
      // Seven containers, ten steps each (the ten minutes of lookback); only
      // checkout is crash-looping.
      expect(crash).toHaveLength(70);
      const checkout = crash.filter(s => s.labels?.pod === ESTATE.checkoutPod);
      expect(checkout.map(s => s.value)).toEqual(Array(10).fill(1));
      expect(checkout[9]).toEqual({
        source: 'prometheus',
        kind: 'metric',
        name: 'kube_pod_crash_looping',
        timestamp: new Date(END).toISOString(),
        value: 1,
        account: 'prod',
        resource: `shop/${ESTATE.checkoutPod}`,
        labels: {
          namespace: 'shop',
          pod: ESTATE.checkoutPod,
          container: 'app',
          environment: 'production',
        },
      });
      expect(
        crash.filter(
          s => s.labels?.pod !== ESTATE.checkoutPod && s.value !== 0,
        ),
      ).toEqual([]);

      const shop = byName('shop_cpu_cores');
      expect(shop.length).toBeGreaterThanOrEqual(2);
      shop.forEach(s => expect(s.value).toBeCloseTo(0.55, 6));

      const kafka = byName('container_memory_working_set_bytes');
      expect(kafka).toHaveLength(10);
      expect(kafka[0]).toMatchObject({
        value: 2 * 1024 * MiB,
        resource: `data/${ESTATE.kafkaPod}`,
        labels: { namespace: 'data', node: 'node-b', container: 'broker' },
      });
      expect(byName('dev_heartbeat')).toEqual([]);

      const dev = await source.read({ signal, shard: 'dev', rules });
      expect(
        dev.signals
          .filter(s => s.name === 'kube_pod_crash_looping')
          .every(s => s.value === 0 && s.account === 'dev'),
      ).toBe(true);
      expect(dev.signals.filter(s => s.name === 'dev_heartbeat')).toHaveLength(
        10,
      );

      // A minute later only the new step is read.
      now += MINUTE;
      const next = await source.read({ signal, shard: 'prod', rules });
      expect(
        next.signals.filter(s => s.name === 'kube_pod_crash_looping'),
      ).toHaveLength(7);
      expect(new Set(next.signals.map(s => s.timestamp))).toEqual(
        new Set([new Date(END + MINUTE).toISOString()]),
      );
    });

    it('reports queries Prometheus rejects or that answer too much, and keeps the rest', async () => {
      const source = new PromqlSource({
        clusters: clusters({ maxSeries: 3 }),
        options: QUERY,
        logger: mockServices.logger.mock(),
        now: () => END + 30_000,
      });
      const result = await source.read({
        signal: new AbortController().signal,
        shard: 'prod',
        rules: [
          ...rules,
          {
            id: 'typo',
            query: {
              promql: { expr: 'rate(container_cpu_usage_seconds_total)' },
            },
            match: { name: 'bad' },
            condition: { type: 'firing' },
            severity: 'info',
          },
        ],
      });
      expect(result.problems).toEqual([
        expect.stringMatching(
          /^crash-looping: Prometheus of cluster prod \(http:\/\/127\.0\.0\.1:\d+\) returned 7 series for .*, more than the 3 allowed: aggregate it \(sum by, topk\) or raise cloudops\.prometheus\.query\.maxSeries$/,
        ),
        expect.stringMatching(
          /^typo: Prometheus of cluster prod .* rejected the query "rate\(container_cpu_usage_seconds_total\)": bad_data: .*expected type range vector/,
        ),
      ]);
      expect(new Set(result.signals.map(s => s.name))).toEqual(
        new Set(['shop_cpu_cores', 'container_memory_working_set_bytes']),
      );

      const tooBig = new PrometheusClient({
        cluster: 'prod',
        server: { url: servers.prod.url, headers: {}, timeoutMs: 10_000 },
        limits: { maxResponseBytes: 2000, maxSeries: 1000 },
      });
      await expect(
        tooBig.queryRange({
          query: 'container_cpu_usage_seconds_total',
          start: START,
          end: END,
          stepMs: MINUTE,
        }),
      ).rejects.toMatchObject({
        reason: 'too-large',
        message: expect.stringMatching(
          /sent more than 2000 bytes: narrow the query/,
        ),
      });
    });

    it('fails the run of a cluster whose Prometheus is down or does not answer', async () => {
      const closedPort = await freePort();
      const silent: Server = createServer(() => {
        /* never answers */
      });
      const silentPort = await freePort();
      await new Promise<void>(resolve =>
        silent.listen(silentPort, '127.0.0.1', resolve),
      );
      try {
        const source = new PromqlSource({
          clusters: clusters({}, [
            {
              name: 'down',
              prometheus: {
                url: `http://127.0.0.1:${closedPort}`,
                headers: {},
                timeoutMs: 1000,
              },
            },
            {
              name: 'slow',
              prometheus: {
                url: `http://127.0.0.1:${silentPort}`,
                headers: {},
                timeoutMs: 400,
              },
            },
          ]),
          options: QUERY,
          logger: mockServices.logger.mock(),
          now: () => END + 30_000,
        });
        const read = (shard: string) =>
          source.read({ signal: new AbortController().signal, shard, rules });
        await expect(read('down')).rejects.toMatchObject({
          reason: 'unreachable',
          message: expect.stringContaining(
            `Prometheus of cluster down (http://127.0.0.1:${closedPort}) is unreachable: connect ECONNREFUSED`,
          ),
        });
        await expect(read('slow')).rejects.toMatchObject({
          reason: 'timeout',
          message: `Prometheus of cluster slow (http://127.0.0.1:${silentPort}) did not answer within 0.6s`,
        });
        // The healthy clusters are not held up by the others.
        await expect(read('prod')).resolves.toMatchObject({ problems: [] });
        // With no rule asking anything, a run still checks that the server answers.
        const idle = (shard: string) =>
          source.read({
            signal: new AbortController().signal,
            shard,
            rules: [],
          });
        await expect(idle('prod')).resolves.toEqual({
          signals: [],
          problems: [],
        });
        await expect(idle('down')).rejects.toMatchObject({
          reason: 'unreachable',
        });
      } finally {
        silent.closeAllConnections();
        await new Promise(resolve => silent.close(resolve));
      }
    });

    it('answers the usage questions of the waste detectors', async () => {
      const usage = new KubernetesUsage(clusters());
      const workloads = await usage.workloadUsage({
        cluster: 'prod',
        windowMs: 90 * MINUTE,
        at: new Date(END),
      });
      const row = (name: string) =>
        workloads.find(w => w.workloadName === name);
      expect(
        workloads.map(
          w => `${w.workloadKind}/${w.workloadName}/${w.container}`,
        ),
      ).toEqual([
        'StatefulSet/kafka/broker',
        'DaemonSet/node-exporter/node-exporter',
        'Deployment/cart/app',
        'Deployment/checkout/app',
      ]);
      const cart = row('cart')!;
      expect(cart).toMatchObject({
        cluster: 'prod',
        namespace: 'shop',
        pods: 2,
      });
      expect(cart.cpu.request).toBe(1);
      expect(cart.cpu.limit).toBe(2);
      // The busiest of the two pods: 0.3 cores, 500 MiB, all the time.
      for (const q of ['p50', 'p95', 'p99', 'max'] as const) {
        expect(cart.cpu.usage[q]).toBeCloseTo(0.3, 6);
        expect(cart.memory.usage[q]).toBe(500 * MiB);
      }
      const kafka = row('kafka')!;
      expect(kafka.cpu.usage.p50).toBeCloseTo(0.5, 6);
      expect(kafka.cpu.usage.max).toBeCloseTo(0.99, 6);
      expect(row('node-exporter')!.pods).toBe(3);

      const nodes = await usage.nodeUsage({
        cluster: 'prod',
        windowMs: 90 * MINUTE,
        at: new Date(END),
      });
      expect(nodes.map(n => [n.node, n.idle, n.workloadPods])).toEqual([
        ['node-a', false, 3],
        ['node-b', false, 1],
        ['node-c', true, 0],
      ]);
      const nodeC = nodes[2];
      expect(nodeC.cpu).toMatchObject({ allocatable: 4, requested: 0 });
      expect(nodeC.cpu.usageMax).toBeCloseTo(0.01, 6);
      expect(nodes[0].cpu.requested).toBe(2.5);
    });
  },
);
