import request from 'supertest';
import { ServerOptions } from '../config';
import { queryRangeChunked, rangeChunks } from '../prometheus/chunkedRange';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { samples, toOpenMetrics } from '../__testUtils__/openMetrics';
import {
  describeWithBinaries,
  RunningServer,
  startPrometheus,
  tempDir,
} from '../__testUtils__/realServers';
import { startCloudopsBackend } from '../__testUtils__/testBackend';
import { WASTE_ESTATE, wasteHistory } from '../__testUtils__/wasteHistory';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The end of the loaded history: a whole minute, a minute ago. */
const END = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
/** Eight days and two hours: the workloads' 8-day look-back is covered. */
const START = END - 8 * DAY - 120 * MINUTE;

describe('rangeChunks', () => {
  it('splits a range into aligned chunks of at most the points allowed', () => {
    expect(rangeChunks(0, 10_000, 1000, 4)).toEqual([
      { start: 0, end: 3000 },
      { start: 4000, end: 7000 },
      { start: 8000, end: 10_000 },
    ]);
    expect(rangeChunks(0, 3000, 1000, 4)).toEqual([{ start: 0, end: 3000 }]);
    expect(() => rangeChunks(10, 0, 1000)).toThrow(/start before its end/);
    expect(() => rangeChunks(0, 10, 0)).toThrow(/positive step/);
  });
});

describeWithBinaries(
  ['prometheus', 'promtool'],
  'Kubernetes waste detectors on a real Prometheus',
  () => {
    let prometheus: RunningServer;
    let removeDir: () => Promise<void>;

    beforeAll(async () => {
      const { dir, remove } = await tempDir('waste');
      removeDir = remove;
      prometheus = await startPrometheus({
        dir,
        history: toOpenMetrics(wasteHistory({ start: START, end: END })),
        blockDuration: '24h',
        args: ['--storage.tsdb.retention.time=30d'],
      });
    });

    afterAll(async () => {
      await prometheus?.stop();
      await removeDir?.();
    });

    const server = (): ServerOptions & { timeoutMs: number } => ({
      url: prometheus.url,
      headers: {},
      timeoutMs: 20_000,
    });

    it('reads ranges longer than 11,000 steps in chunks, the same as one query would', async () => {
      const client = new PrometheusClient({
        cluster: 'prod',
        server: server(),
        limits: { maxResponseBytes: 64 * 1024 * 1024, maxSeries: 100 },
      });
      const query =
        'sum by (node) (container_memory_working_set_bytes{container!=""})';
      const range = { query, start: END - 2 * DAY, end: END, stepMs: MINUTE };
      const whole = await client.queryRange(range);
      const chunked = await queryRangeChunked(client, {
        ...range,
        maxPoints: 1000,
      });
      expect(chunked).toHaveLength(4);
      for (const series of whole) {
        const same = chunked.find(s => s.labels.node === series.labels.node)!;
        expect(same.points).toEqual(series.points);
      }
      expect(whole[0].points).toHaveLength(2 * 24 * 60 + 1);

      // An answer too large for the client is asked again in halves.
      const small = new PrometheusClient({
        cluster: 'prod',
        server: server(),
        limits: { maxResponseBytes: 100_000, maxSeries: 100 },
      });
      await expect(small.queryRange(range)).rejects.toThrow(
        /sent more than 100000 bytes/,
      );
      const halved = await queryRangeChunked(small, range);
      for (const series of whole) {
        const same = halved.find(s => s.labels.node === series.labels.node)!;
        expect(same.points).toEqual(series.points);
      }

      // Eight days at a minute are 11,521 steps: Prometheus refuses one query.
      const eightDays = {
        query,
        start: END - 8 * DAY,
        end: END,
        stepMs: MINUTE,
      };
      await expect(client.queryRange(eightDays)).rejects.toThrow(
        /11,?000 points/,
      );
      const long = await queryRangeChunked(client, eightDays);
      expect(long[0].points).toHaveLength(8 * 24 * 60 + 1);
    });

    it('finds oversized requests, fixed replicas, idle nodes and NodePools that do not consolidate, through the plugin', async () => {
      const { server: app, scheduler } = await startCloudopsBackend({
        cloudops: {
          prometheus: {
            clusters: [{ name: 'prod', prometheus: { url: prometheus.url } }],
            query: { maxResponseBytes: 64 * 1024 * 1024 },
          },
        },
      });
      for (const detector of ['kubernetes-workloads', 'kubernetes-nodes']) {
        await scheduler.triggerTask(`cloudops:${detector}:shards`);
        await scheduler.triggerTask(`cloudops:${detector}:prod`);
      }

      const health = await request(app)
        .get('/api/cloudops/detectors/health')
        .expect(200);
      const runs = JSON.stringify(health.body);
      expect(runs).toContain('kubernetes-workloads');
      expect(runs).toContain('kubernetes-nodes');

      const list = await request(app)
        .get('/api/cloudops/opportunities')
        .query({ limit: 100 })
        .expect(200);
      const found = list.body.items.map(
        (o: any) => `${o.detector} ${o.kind} ${o.resource.id}`,
      );
      expect(found.sort()).toEqual(
        [
          'kubernetes-nodes karpenter-consolidation k8s:prod/nodepool/default',
          'kubernetes-nodes kubernetes-idle-node k8s:prod/node/node-idle',
          'kubernetes-workloads kubernetes-hpa k8s:prod/shop/deployment/api',
          'kubernetes-workloads kubernetes-requests k8s:prod/shop/deployment/api/app',
        ].sort(),
      );
      const byKind = async (kind: string) => {
        const { id } = list.body.items.find((o: any) => o.kind === kind);
        const detail = await request(app)
          .get(`/api/cloudops/opportunities/${id}`)
          .expect(200);
        return detail.body;
      };

      // p90 of ~0.15-0.2 cores + 15%; p90 of daily memory peaks (600 MiB) + 15%.
      const requests = await byKind('kubernetes-requests');
      expect(requests).toMatchObject({
        shard: 'prod',
        state: 'detected',
        currency: 'USD',
        resource: { cluster: 'prod', namespace: 'shop' },
      });
      const cpuTarget = requests.evidence.metrics.cpuTargetCores;
      expect(cpuTarget).toBeGreaterThan(0.19 * 1.15);
      expect(cpuTarget).toBeLessThan(0.2 * 1.15 + 0.001);
      expect(requests.evidence.metrics.memoryTargetBytes / 2 ** 20).toBeCloseTo(
        600 * 1.15,
        0,
      );
      expect(requests.evidence.metrics.days).toBeGreaterThanOrEqual(7.9);
      expect(requests.recommended.spec).toMatchObject({ replicas: 3 });
      expect(requests.monthlySavings).toBeGreaterThan(0);

      // Priced from the shipped table by the node's instance-type label.
      const idle = await byKind('kubernetes-idle-node');
      expect(idle.current.spec).toEqual({
        node: 'node-idle',
        instanceType: WASTE_ESTATE.nodes['node-idle'].type,
      });
      // m5.xlarge in us-east-1: 0.192 an hour, 730 hours.
      expect(idle.monthlySavings).toBeCloseTo(0.192 * 730, 2);

      const hpa = await byKind('kubernetes-hpa');
      expect(hpa.title).toBe('shop/api has no HPA (3 fixed replicas)');
      expect(hpa.recommended.spec).toMatchObject({ minReplicas: 2 });

      const pool = await byKind('karpenter-consolidation');
      expect(pool.current.description).toMatch(
        /3 nodes; consolidationPolicy is WhenEmpty/,
      );
      expect(pool.evidence.metrics).toMatchObject({
        nodes: 3,
        neededNodes: 2,
        freedNodes: 1,
      });

      // Merged changes are measured on the next validation run: the history
      // has no change in it, so none is found in place, and the cost goes on.
      for (const o of [requests, idle]) {
        const move = (body: object) =>
          request(app)
            .post(`/api/cloudops/opportunities/${o.id}/transition`)
            .send(body)
            .expect(200);
        await move({
          to: 'pr_opened',
          pullRequestUrl: 'https://github.com/acme/infra/pull/9',
        });
        await move({ to: 'approved' });
        await move({ to: 'merged' });
      }
      // Validation runs on the shards its changed opportunities are on.
      for (const detector of ['kubernetes-workloads', 'kubernetes-nodes']) {
        await scheduler.triggerTask(`cloudops:${detector}:validation:shards`);
        await scheduler.triggerTask(`cloudops:${detector}:validation:prod`);
      }
      const measured = async (id: string) =>
        (
          await request(app)
            .get(`/api/cloudops/opportunities/${id}`)
            .expect(200)
        ).body.observations;
      const [requestsSeen] = await measured(requests.id);
      expect(requestsSeen).toMatchObject({
        applied: false,
        costSource: 'usage-x-price',
      });
      expect(requestsSeen.actualCost).toBeGreaterThan(0);
      // The window (since the merge, seconds ago) holds no usage sample yet.
      expect(requestsSeen.peakUtilization).toBeUndefined();
      const [idleSeen] = await measured(idle.id);
      expect(idleSeen).toMatchObject({ applied: false });
      expect(idleSeen.actualCost).toBeGreaterThan(0);
    });

    it('fails a scan of a cluster with no node, and says what to configure when the nodes do not say their region', async () => {
      // A Prometheus without kube-state-metrics (dev), and one whose nodes
      // have no region label (stg).
      const { dir, remove } = await tempDir('waste-empty');
      const { dir: stgDir, remove: removeStg } = await tempDir('waste-stg');
      const empty = await startPrometheus({ dir });
      const unlabelled = await startPrometheus({
        dir: stgDir,
        history: toOpenMetrics([
          {
            name: 'kube_node_labels',
            labels: { node: 'node-1' },
            samples: samples(END - 30 * MINUTE, END, MINUTE, () => 1),
          },
        ]),
        args: ['--storage.tsdb.retention.time=30d'],
      });
      try {
        const { server: app, scheduler } = await startCloudopsBackend({
          cloudops: {
            prometheus: {
              clusters: [
                { name: 'dev', prometheus: { url: empty.url } },
                { name: 'stg', prometheus: { url: unlabelled.url } },
              ],
            },
          },
        });
        await scheduler.triggerTask('cloudops:kubernetes-nodes:shards');
        await scheduler.triggerTask('cloudops:kubernetes-nodes:dev');
        await scheduler.triggerTask('cloudops:kubernetes-nodes:stg');
        const health = await request(app)
          .get('/api/cloudops/detectors/health')
          .query({ detector: 'kubernetes-nodes' })
          .expect(200);
        const errorOf = (shard: string) =>
          health.body.items.find((h: any) => h.shard === shard)?.lastRun;
        expect(errorOf('dev')).toMatchObject({
          outcome: 'failed',
          error: expect.stringMatching(
            /^Cluster dev: kube_node_labels returned no nodes; is kube-state-metrics running/,
          ),
        });
        expect(errorOf('stg')?.error).toMatch(
          /Cluster stg: no node has a topology\.kubernetes\.io\/region label.*set cloudops\.prometheus\.clusters\[\]\.region/,
        );
      } finally {
        await empty.stop();
        await unlabelled.stop();
        await remove();
        await removeStg();
      }
    });
  },
);
