import path from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  cloudopsAiProviderExtensionPoint,
  CloudopsAiRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { shopEntities } from '../__testUtils__/testEntities';
import { cloudopsPlugin } from '../plugin';

jest.setTimeout(60_000);

const runbooks = ['kubernetes.yaml', 'shop.yaml'].map(f =>
  path.resolve(__dirname, '../../../../examples/runbooks', f),
);

/** Metric datapoints, one a minute, from `minutes` ago to now. */
function metric(
  entityRef: string,
  name: string,
  valueAt: (minutesAgo: number) => number,
  minutes = 40,
) {
  const now = Date.now();
  return Array.from({ length: minutes + 1 }, (_, i) => {
    const ago = minutes - i;
    return {
      source: 'prometheus',
      kind: 'metric',
      name,
      entityRef,
      timestamp: new Date(now - ago * 60_000).toISOString(),
      value: valueAt(ago) + (i % 3) * 0.01 * valueAt(ago),
      labels: {},
    };
  });
}

function alert(app: string, name: string, minutesAgo: number) {
  return {
    source: 'alertmanager',
    kind: 'alert',
    name,
    status: 'firing',
    timestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    labels: { app, severity: 'high' },
    message: `${name} on ${app}`,
  };
}

async function start(
  options: {
    permissions?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    ai?: (request: CloudopsAiRequest) => string;
    rca?: boolean;
  } = {},
) {
  const features: any[] = [
    cloudopsPlugin,
    catalogServiceMock.factory({ entities: shopEntities }),
    mockServices.permissions.factory({
      result: options.permissions ?? AuthorizeResult.ALLOW,
    }),
    mockServices.rootConfig.factory({
      data: {
        cloudops: {
          rules: { watch: false },
          rca: {
            enabled: options.rca ?? true,
            debounce: { milliseconds: 50 },
            runbooks,
          },
        },
      },
    }),
  ];
  const answer = options.ai;
  if (answer) {
    features.push(
      createBackendModule({
        pluginId: 'cloudops',
        moduleId: 'fake-ai',
        register(env) {
          env.registerInit({
            deps: { ai: cloudopsAiProviderExtensionPoint },
            async init({ ai }) {
              ai.setProvider({
                id: 'fake',
                async complete(req) {
                  return {
                    text: answer(req),
                    modelId: 'fake-1',
                    usage: { inputTokens: 321, outputTokens: 45 },
                  };
                },
              });
            },
          });
        },
      }),
    );
  }
  const { server } = await startTestBackend({ features });
  return server;
}

/** payments-db saturates 6 minutes ago; everything that depends on it slows down. */
const incidentSignals = [
  ...metric('resource:default/payments-db', 'cpu_utilization', ago =>
    ago <= 6 ? 96 : 22,
  ),
  ...metric(
    'component:default/payments',
    'http_request_duration_seconds',
    ago => (ago <= 6 ? 1.8 : 0.12),
  ),
  ...metric(
    'component:default/checkout',
    'http_request_duration_seconds',
    ago => (ago <= 5 ? 2.1 : 0.2),
  ),
  ...metric('component:default/web', 'http_request_duration_seconds', ago =>
    ago <= 5 ? 2.4 : 0.3,
  ),
  ...metric(
    'component:default/orders',
    'http_request_duration_seconds',
    () => 0.1,
  ),
  {
    source: 'argocd',
    kind: 'event',
    name: 'deployment',
    entityRef: 'resource:default/payments-db',
    timestamp: new Date(Date.now() - 8 * 60_000).toISOString(),
    message: 'parameter group payments-v7 applied',
    labels: {},
  },
];

async function waitForRca(server: any, id: string, revision = 1) {
  for (let i = 0; i < 200; i++) {
    const res = await request(server).get(`/api/cloudops/incidents/${id}/rca`);
    if (res.status === 200 && res.body.revision >= revision) return res.body;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`no RCA revision ${revision} for incident ${id}`);
}

describe('incident RCA in the backend', () => {
  it('analyses an incident when it opens and again when it grows', async () => {
    const server = await start();
    await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: incidentSignals })
      .expect(202);
    const opened = await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: [alert('checkout', 'CheckoutLatencyHigh', 4)] })
      .expect(202);
    const [id] = opened.body.incidentIds;

    const rca = await waitForRca(server, id);
    expect(rca).toMatchObject({
      incidentId: id,
      revision: 1,
      trigger: 'opened',
      narrativeSource: 'template',
      signatureKey: 'resource:default/payments-db|cpu',
    });
    expect(rca.ranking[0]).toMatchObject({
      service: 'resource:default/payments-db',
      fault: 'cpu',
    });
    expect(rca.ranking[0].evidence).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^resource:default\/payments-db cpu \(cpu_utilization\) \+\d+\.\d MAD at t-\dm/,
        ),
        expect.stringMatching(
          /^changed 4m(\d+s)? before the fault: deployment: parameter group payments-v7 applied$/,
        ),
      ]),
    );
    expect(rca.ranking.map((c: any) => c.service)).toEqual(
      expect.arrayContaining([
        'component:default/web',
        'component:default/checkout',
        'component:default/payments',
        'component:default/orders',
      ]),
    );
    expect(rca.inputs).toMatchObject({ changes: 1 });
    expect(rca.inputs.graphEdges).toBeGreaterThanOrEqual(3);
    expect(rca.remediations.map((r: any) => r.runbookId)).toContain(
      'k8s-scale-out',
    );
    expect(rca.narrative).toMatch(
      /^Most likely root cause: resource:default\/payments-db \(cpu fault/,
    );

    const detail = await request(server).get(`/api/cloudops/incidents/${id}`);
    const events = detail.body.timeline.filter((e: any) => e.type === 'rca');
    expect(events[0].message).toMatch(
      /^Root-cause analysis #1: resource:default\/payments-db most likely \(cpu/,
    );

    // web alerts too: it joins the incident, which grows, so RCA runs again.
    const grown = await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: [alert('web', 'WebLatencyHigh', 3)] })
      .expect(202);
    expect(grown.body.incidentIds).toEqual([id]);
    const again = await waitForRca(server, id, 2);
    expect(again).toMatchObject({ revision: 2, trigger: 'grew' });
    expect(again.ranking[0].service).toBe('resource:default/payments-db');
    expect(again.signature).toContain('alert:WebLatencyHigh');
  });

  it('analyses an incident that happened days ago (a backfill) at the resolution of its fault', async () => {
    const server = await start();
    const daysAgo = <T extends { timestamp: string }>(signal: T): T => ({
      ...signal,
      timestamp: new Date(
        Date.parse(signal.timestamp) - 2 * 86_400_000,
      ).toISOString(),
    });
    await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: incidentSignals.map(daysAgo) })
      .expect(202);
    const opened = await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: [daysAgo(alert('checkout', 'CheckoutLatencyHigh', 4))] })
      .expect(202);
    const rca = await waitForRca(server, opened.body.incidentIds[0]);
    expect(rca.ranking[0]).toMatchObject({
      service: 'resource:default/payments-db',
      fault: 'cpu',
    });
  });

  it('uses the AI provider a module sets, within its rules', async () => {
    const server = await start({
      ai: req =>
        JSON.stringify({
          summary: `payments-db CPU saturated after a parameter change (${
            req.input.includes('payments-v7') ? 'seen' : 'unseen'
          }).`,
        }),
    });
    await request(server)
      .post('/api/cloudops/signals')
      .send({
        signals: [
          ...incidentSignals,
          alert('checkout', 'CheckoutLatencyHigh', 4),
        ],
      })
      .expect(202);
    const [incident] = (await request(server).get('/api/cloudops/incidents'))
      .body.items;
    const rca = await waitForRca(server, incident.id);
    expect(rca).toMatchObject({
      narrativeSource: 'ai',
      narrative: 'payments-db CPU saturated after a parameter change (seen).',
      ai: {
        provider: 'fake',
        model: 'fake-1',
        outcome: 'accepted',
        inputTokens: 321,
        outputTokens: 45,
      },
    });
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: incident.id });
    expect(
      audit.body.items.find((a: any) => a.action === 'incident-rca').meta,
    ).toMatchObject({
      aiProvider: 'fake',
      aiOutcome: 'accepted',
      aiInputTokens: 321,
    });
  });

  it('analyses incidents raised by hand too', async () => {
    const server = await start();
    await request(server)
      .get('/api/cloudops/incidents/00000000-0000-0000-0000-000000000000/rca')
      .expect(404);
    const created = await request(server)
      .post('/api/cloudops/incidents')
      .send({
        title: 'Checkout slow, says support',
        severity: 'warning',
        entityRef: 'component:default/checkout',
      })
      .expect(201);
    const rca = await waitForRca(server, created.body.id);
    expect(rca).toMatchObject({ trigger: 'opened', signatureKey: 'unknown' });
    expect(rca.ranking.map((c: any) => c.service)).toContain(
      'component:default/payments',
    );
    expect(rca.narrative).toMatch(/^No service showed evidence of a fault yet/);
  });

  it('answers 404 while there is no RCA and 403 without the read permission', async () => {
    const server = await start({ rca: false });
    const created = await request(server)
      .post('/api/cloudops/incidents')
      .send({ title: 'By hand', severity: 'info' })
      .expect(201);
    const res = await request(server).get(
      `/api/cloudops/incidents/${created.body.id}/rca`,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no root-cause analysis yet/);

    const denied = await start({ permissions: AuthorizeResult.DENY });
    await request(denied)
      .get(`/api/cloudops/incidents/${created.body.id}/rca`)
      .expect(403);
  });
});
