import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { ESTATE, kubernetesHistory } from './__testUtils__/kubernetesHistory';
import {
  HistorySeries,
  samples,
  toOpenMetrics,
} from './__testUtils__/openMetrics';
import {
  describeWithBinaries,
  freePort,
  RunningServer,
  startAlertmanager,
  startPrometheus,
  tempDir,
  waitFor,
} from './__testUtils__/realServers';
import { startCloudopsBackend } from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../../..');
const EXAMPLES = join(ROOT, 'examples/prometheus');
const TOKEN = 'alertmanager-prod-token-0123456789';
const MINUTE = 60_000;

const crashLabels = {
  namespace: 'shop',
  pod: ESTATE.checkoutPod,
  container: 'app',
};

/**
 * What kube-state-metrics says now, scraped every second: checkout
 * crash-loops and node-b is not Ready until the test says otherwise.
 */
function kubeStateMetrics() {
  const state = { crashLooping: true, nodeBReady: false };
  const server: Server = createServer((_req, res) => {
    const ready = state.nodeBReady;
    const lines = [
      '# TYPE kube_node_status_condition gauge',
      `kube_node_status_condition{node="node-b",condition="Ready",status="true"} ${
        ready ? 1 : 0
      }`,
      `kube_node_status_condition{node="node-b",condition="Ready",status="false"} ${
        ready ? 0 : 1
      }`,
      'kube_node_status_condition{node="node-b",condition="Ready",status="unknown"} 0',
    ];
    if (state.crashLooping) {
      lines.push(
        '# TYPE kube_pod_container_status_waiting_reason gauge',
        `kube_pod_container_status_waiting_reason{namespace="shop",pod="${ESTATE.checkoutPod}",container="app",reason="CrashLoopBackOff"} 1`,
      );
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${lines.join('\n')}\n`);
  });
  return { state, server };
}

/**
 * The shipped alerting rules, with the crash loop read over the last 30
 * seconds instead of 5 minutes, so that the test sees its alert resolve.
 */
function alertingRules(): string {
  const shipped = readFileSync(
    join(EXAMPLES, 'kubernetes-alerts.rules.yaml'),
    'utf8',
  );
  const window = 'reason="CrashLoopBackOff"}';
  const rules = shipped.replace(`${window}[5m]`, `${window}[30s]`);
  if (rules === shipped) {
    throw new Error('The shipped crash loop rule does not read 5 minutes');
  }
  return rules;
}

/**
 * The history up to 10 seconds ago, a sample every 5 seconds (so the last
 * is within the test's crash loop window when Prometheus starts): the
 * troubled estate, and Prometheus' own record (ALERTS_FOR_STATE) that the
 * crash loop and node-b's alerts have been pending for 20 minutes, so that
 * the shipped rules, `for: 5m` and all, fire as soon as Prometheus starts
 * on it.
 */
function history(now: number): string {
  const end = now - 10_000;
  const activeAt = (now - 20 * MINUTE) / 1000;
  const pending = (labels: Record<string, string>): HistorySeries => ({
    name: 'ALERTS_FOR_STATE',
    labels,
    samples: samples(now - 20 * MINUTE, end, 30_000, () => activeAt),
  });
  return toOpenMetrics([
    ...kubernetesHistory({
      start: now - 40 * MINUTE,
      end,
      stepMs: 5000,
      troubled: true,
    }),
    pending({
      alertname: 'KubePodCrashLooping',
      severity: 'critical',
      ...crashLabels,
    }),
    pending({
      alertname: 'KubeNodeNotReady',
      severity: 'critical',
      node: 'node-b',
    }),
  ]);
}

/** The shipped Alertmanager config, pointed at the test backend with short waits. */
function alertmanagerConfig(webhookUrl: string, tokenFile: string): string {
  const config = parse(
    readFileSync(join(EXAMPLES, 'alertmanager.yml'), 'utf8'),
  );
  Object.assign(config.route, {
    group_wait: '1s',
    group_interval: '1s',
    repeat_interval: '1h',
  });
  const [webhook] = config.receivers[0].webhook_configs;
  webhook.url = webhookUrl;
  webhook.http_config.authorization.credentials_file = tokenFile;
  return stringify(config);
}

describeWithBinaries(
  ['prometheus', 'promtool', 'alertmanager'],
  'Prometheus → Alertmanager → CloudOps, with the real servers',
  () => {
    const cleanups: Array<() => Promise<unknown>> = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('fires the shipped rules on the history, opens incidents, silences on acknowledge and resolves', async () => {
      const { dir, remove } = await tempDir('e2e');
      cleanups.push(remove);
      const exporter = kubeStateMetrics();
      const exporterPort = await freePort();
      await new Promise<void>(done =>
        exporter.server.listen(exporterPort, '127.0.0.1', done),
      );
      cleanups.push(
        () =>
          new Promise(done => {
            exporter.server.closeAllConnections();
            exporter.server.close(done);
          }),
      );
      const [prometheusPort, alertmanagerPort] = [
        await freePort(),
        await freePort(),
      ];
      const prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
      const alertmanagerUrl = `http://127.0.0.1:${alertmanagerPort}`;

      const { server, scheduler, audit } = await startCloudopsBackend({
        cloudops: {
          rules: {
            watch: false,
            files: [join(ROOT, 'examples/rules/kubernetes.yaml')],
            inline: [
              {
                id: 'node-not-ready-signal',
                match: { source: 'prometheus', name: 'kube_node_not_ready' },
                condition: { type: 'threshold', op: '>=', value: 1, for: '5m' },
                severity: 'critical',
              },
            ],
          },
          prometheus: {
            clusters: [
              {
                name: 'prod',
                environment: 'production',
                prometheus: { url: prometheusUrl },
                alertmanager: { url: alertmanagerUrl },
              },
            ],
            webhook: {
              receivers: [
                {
                  name: 'cloudops',
                  cluster: 'prod',
                  auth: { bearerToken: TOKEN },
                },
              ],
            },
            silences: { onAcknowledge: true, duration: '1h' },
          },
        },
      });
      const api = (path: string) => request(server).get(`/api/cloudops${path}`);

      const tokenFile = join(dir, 'cloudops-token');
      await writeFile(tokenFile, TOKEN);
      const alertmanager: RunningServer = await startAlertmanager({
        dir,
        port: alertmanagerPort,
        config: alertmanagerConfig(
          `http://127.0.0.1:${server.port()}/api/cloudops/alertmanager/webhook`,
          tokenFile,
        ),
      });
      cleanups.push(alertmanager.stop);

      const prometheus = await startPrometheus({
        dir,
        port: prometheusPort,
        history: history(Date.now()),
        // Restored pending alerts may fire as soon as their `for` has passed
        // (by default Prometheus waits 10 minutes after a restart).
        args: ['--rules.alert.for-grace-period=1s'],
        rules: {
          'kubernetes-alerts.rules.yaml': alertingRules(),
        },
        config: {
          global: {
            evaluation_interval: '1s',
            scrape_interval: '1s',
            external_labels: { cluster: 'prod' },
          },
          alerting: {
            alertmanagers: [
              {
                static_configs: [
                  { targets: [`127.0.0.1:${alertmanagerPort}`] },
                ],
              },
            ],
          },
          scrape_configs: [
            {
              job_name: 'kube-state-metrics',
              static_configs: [{ targets: [`127.0.0.1:${exporterPort}`] }],
              // The live series continue the history's, which has no job or instance.
              metric_relabel_configs: [
                { action: 'labeldrop', regex: 'job|instance' },
              ],
            },
          ],
        },
      });
      cleanups.push(prometheus.stop);

      /** What each server says, for a failure's message. */
      const diagnose = async () => {
        const text = async (url: string) =>
          (
            await fetch(url)
              .then(r => r.text())
              .catch(e => String(e))
          ).slice(0, 3000);
        return [
          `Prometheus alerts: ${await text(`${prometheusUrl}/api/v1/alerts`)}`,
          `Alertmanager alerts: ${await text(
            `${alertmanagerUrl}/api/v2/alerts`,
          )}`,
          `Incidents: ${JSON.stringify((await api('/incidents')).body).slice(
            0,
            3000,
          )}`,
          `Detector runs: ${JSON.stringify(
            (await api('/detectors/runs')).body,
          )}`,
          `Prometheus log: ${(await prometheus.log()).slice(-3000)}`,
          `Alertmanager log: ${(await alertmanager.log()).slice(-3000)}`,
        ].join('\n');
      };
      const within = async <T>(promise: Promise<T>) => {
        try {
          return await promise;
        } catch (error) {
          throw new Error(`${error}\n${await diagnose()}`);
        }
      };

      const incident = async (id: string) =>
        (await api(`/incidents/${id}`)).body;

      // Restored from the history, the pending alerts fire at once and reach
      // us. The restarts alert on checkout's pod joins the crash loop's
      // incident, whichever arrives first.
      const incidents = await within(
        waitFor(
          'the crash loop, the node and the OOM kill as incidents',
          async () => {
            const { body } = await api('/incidents');
            const of = (entity: string) =>
              body.items.find(
                (i: any) => i.entityRef === `component:default/${entity}`,
              );
            const [checkout, node, oom] = ['checkout', 'platform', 'kafka'].map(
              of,
            );
            if (!checkout || !node || !oom) return undefined;
            const detail = await incident(checkout.id);
            return detail.alertKeys.some(
              (k: any) => k.ruleId === 'k8s-crashloop',
            )
              ? { checkout: detail, node, oom }
              : undefined;
          },
          60_000,
        ),
      );
      expect(incidents.checkout).toMatchObject({
        severity: 'critical',
        state: 'open',
        account: 'prod',
      });
      expect(incidents.node).toMatchObject({
        ruleId: 'k8s-node-not-ready',
        title: 'Node node-b is not ready',
        severity: 'critical',
      });
      expect(incidents.oom).toMatchObject({
        ruleId: 'k8s-oomkilled',
        title: 'OOMKilled: broker in data/kafka-0',
        severity: 'high',
      });
      const { body: crashSignals } = await api(
        `/incidents/${incidents.checkout.id}/signals`,
      );
      // The restarts alert on the same pod joined the crash loop's incident.
      expect(crashSignals.items.map((i: any) => i.name).sort()).toEqual([
        'KubeContainerRestartingOften',
        'KubePodCrashLooping',
      ]);
      expect(
        crashSignals.items.find((i: any) => i.name === 'KubePodCrashLooping'),
      ).toMatchObject({
        source: 'alertmanager',
        status: 'firing',
        labels: {
          cluster: 'prod',
          ...crashLabels,
          alertname: 'KubePodCrashLooping',
        },
        message: `CrashLoopBackOff: shop/${ESTATE.checkoutPod} (app)`,
      });

      const silences = async () =>
        (await fetch(`${alertmanagerUrl}/api/v2/silences`)).json();

      // Acknowledging kafka's OOM incident silences its alert in Alertmanager.
      const { oom } = incidents;
      await request(server)
        .post(`/api/cloudops/incidents/${oom.id}/transition`)
        .send({ to: 'acknowledged', note: 'raising the memory limit' })
        .expect(200);
      const silence = await waitFor('a silence for kafka-0', async () =>
        (await silences()).find((s: any) => s.status.state === 'active'),
      );
      expect(silence.comment).toBe(
        `CloudOps incident ${oom.id}: OOMKilled: broker in data/kafka-0 — acknowledged by user:default/mock: raising the memory limit`,
      );
      expect(
        Object.fromEntries(silence.matchers.map((m: any) => [m.name, m.value])),
      ).toEqual({
        alertname: 'KubeContainerOOMKilled',
        cluster: 'prod',
        namespace: 'data',
        pod: 'kafka-0',
        container: 'broker',
        severity: 'high',
      });
      await waitFor('Alertmanager to mute the silenced alert', async () => {
        const alerts = await (
          await fetch(`${alertmanagerUrl}/api/v2/alerts?filter=pod="kafka-0"`)
        ).json();
        return alerts[0]?.status.silencedBy.includes(silence.id)
          ? true
          : undefined;
      });

      // node-b is Ready again: Prometheus resolves, Alertmanager tells us.
      exporter.state.nodeBReady = true;
      await within(
        waitFor('the node incident to resolve', async () => {
          const body = await incident(incidents.node.id);
          return body.state === 'resolved' ? body : undefined;
        }),
      );

      // The crash loop stops: its key clears, the restarts alert that joined
      // the incident still fires and keeps it open, as a warning.
      exporter.state.crashLooping = false;
      const crash = await within(
        waitFor(
          'the crash loop key to clear',
          async () => {
            const body = await incident(incidents.checkout.id);
            const keys = body.alertKeys.filter(
              (k: any) => k.ruleId === 'k8s-crashloop',
            );
            return keys.every((k: any) => k.status === 'resolved')
              ? body
              : undefined;
          },
          60_000,
        ),
      );
      expect(crash).toMatchObject({ state: 'open', severity: 'warning' });
      const { body: after } = await api(
        `/incidents/${incidents.checkout.id}/signals`,
      );
      expect(
        after.items
          .filter((i: any) => i.name === 'KubePodCrashLooping')
          .map((i: any) => i.status),
      ).toEqual(['firing', 'resolved']);

      // Resolving the OOM incident in the portal lifts the silence.
      await request(server)
        .post(`/api/cloudops/incidents/${oom.id}/transition`)
        .send({ to: 'resolved' })
        .expect(200);
      await waitFor('the silence to expire', async () =>
        (await silences()).every((s: any) => s.status.state === 'expired')
          ? true
          : undefined,
      );
      expect(
        audit
          .filter(a => a.eventId.startsWith('alertmanager-'))
          .map(a => [a.eventId, a.outcome]),
      ).toEqual(
        expect.arrayContaining([
          ['alertmanager-webhook', 'succeeded'],
          ['alertmanager-silence', 'succeeded'],
          ['alertmanager-unsilence', 'succeeded'],
        ]),
      );
      // The CloudOps audit log says who did it.
      const { body: oomAudit } = await api(`/audit?target=${oom.id}`);
      expect(
        oomAudit.items
          .filter((e: any) => e.action.startsWith('alertmanager-'))
          .map((e: any) => [e.action, e.actor, e.outcome, e.meta]),
      ).toEqual([
        [
          'alertmanager-unsilence',
          'user:default/mock',
          'succeeded',
          { cluster: 'prod', silenceIds: [silence.id] },
        ],
        [
          'alertmanager-silence',
          'user:default/mock',
          'succeeded',
          { cluster: 'prod', silenceIds: [silence.id] },
        ],
      ]);

      // The PromQL source reads the cluster; health shows it, and shows it down.
      await scheduler.triggerTask('cloudops:prometheus:shards');
      await waitFor('the prod shard to be scheduled', () =>
        scheduler
          .getScheduledTasks()
          .then(tasks =>
            tasks.some(t => t.id === 'cloudops:prometheus:prod')
              ? true
              : undefined,
          ),
      );
      const healthOf = async () => {
        const { body } = await api('/detectors/health?detector=prometheus');
        return Object.fromEntries(body.items.map((h: any) => [h.shard, h]));
      };
      await scheduler.triggerTask('cloudops:prometheus:prod');
      const healthy = await waitFor(
        'a run of the prod shard',
        async () => (await healthOf()).prod,
      );
      expect(healthy.lastRun).toMatchObject({ outcome: 'succeeded' });
      expect(healthy.lastRun.items).toBeGreaterThan(0);

      await prometheus.stop();
      await scheduler.triggerTask('cloudops:prometheus:prod');
      const down = await within(
        waitFor('the failed run', async () => {
          const prod = (await healthOf()).prod;
          return prod?.lastRun.outcome === 'failed' ? prod : undefined;
        }),
      );
      expect(down.lastRun.error).toMatch(
        new RegExp(
          `Prometheus of cluster prod \\(${prometheusUrl.replace(
            /\./g,
            '\\.',
          )}\\) is unreachable`,
        ),
      );
      expect(down.consecutiveFailures).toBe(1);
    });
  },
);
