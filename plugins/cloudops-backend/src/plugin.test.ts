import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { shopEntities } from './__testUtils__/testEntities';
import { cloudopsPlugin } from './plugin';

jest.setTimeout(60_000);

const cpuRule = {
  id: 'cpu-critical',
  match: { kind: 'metric', name: 'cpu_utilization' },
  condition: { type: 'threshold', op: '>', value: 95 },
  severity: 'critical',
};

const nodeRule = {
  id: 'node-not-ready',
  match: { kind: 'alert', name: 'KubeNodeNotReady' },
  condition: { type: 'firing' },
  severity: 'high',
};

function alertSignal(overrides: Record<string, unknown> = {}) {
  return {
    source: 'alertmanager',
    kind: 'alert',
    name: 'KubePodCrashLooping',
    status: 'firing',
    timestamp: '2026-11-22T10:00:00Z',
    labels: { app: 'checkout', pod: 'checkout-7d9', severity: 'critical' },
    ...overrides,
  };
}

describe('cloudops backend plugin', () => {
  async function start(
    permissions:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    let events: EventsService | undefined;
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        catalogServiceMock.factory({ entities: shopEntities }),
        mockServices.permissions.factory({ result: permissions }),
        mockServices.rootConfig.factory({
          data: {
            cloudops: { rules: { inline: [cpuRule, nodeRule], watch: false } },
          },
        }),
        createBackendModule({
          pluginId: 'cloudops',
          moduleId: 'test-events',
          register(env) {
            env.registerInit({
              deps: { service: eventsServiceRef },
              async init({ service }) {
                events = service;
              },
            });
          },
        }),
      ],
    });
    return { server, events: events! };
  }

  function post(server: any, signals: unknown[]) {
    return request(server).post('/api/cloudops/signals').send({ signals });
  }

  it('turns pushed alerts into entity-linked incidents and resolves them', async () => {
    const { server } = await start();
    const fired = await post(server, [alertSignal()]);
    expect(fired.status).toBe(202);
    expect(fired.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(fired.body.incidentIds).toHaveLength(1);

    const list = await request(server)
      .get('/api/cloudops/incidents')
      .query({ entityRef: 'component:default/checkout' });
    expect(list.body.totalCount).toBe(1);
    const [incident] = list.body.items;
    expect(incident).toMatchObject({
      severity: 'critical',
      state: 'open',
      entityRef: 'component:default/checkout',
      systemRef: 'system:default/shop',
      signalCount: 1,
    });

    const resolved = await post(server, [
      alertSignal({ status: 'resolved', timestamp: '2026-11-22T10:05:00Z' }),
    ]);
    expect(resolved.body.incidentIds).toEqual([incident.id]);
    const detail = await request(server).get(
      `/api/cloudops/incidents/${incident.id}`,
    );
    expect(detail.body).toMatchObject({ state: 'resolved', alertKeys: [] });
    expect(detail.body.timeline.map((e: any) => e.type)).toEqual([
      'opened',
      'state',
    ]);

    const signals = await request(server).get(
      `/api/cloudops/incidents/${incident.id}/signals`,
    );
    expect(signals.body.items.map((s: any) => s.status)).toEqual([
      'firing',
      'resolved',
    ]);
  });

  it('evaluates rules on metric signals', async () => {
    const { server } = await start();
    const ok = {
      source: 'cloudwatch',
      kind: 'metric',
      name: 'cpu_utilization',
      labels: { app: 'web' },
    };
    await post(server, [
      { ...ok, value: 40, timestamp: '2026-11-22T10:00:00Z' },
      { ...ok, value: 97, timestamp: '2026-11-22T10:01:00Z' },
      { ...ok, value: 98, timestamp: '2026-11-22T10:02:00Z' },
    ]);
    const list = await request(server).get('/api/cloudops/incidents');
    expect(list.body.totalCount).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      ruleId: 'cpu-critical',
      severity: 'critical',
      entityRef: 'component:default/web',
    });

    // Charts get the rule's level and the fault time with the series.
    const charted = await request(server)
      .get(`/api/cloudops/incidents/${list.body.items[0].id}/signals`)
      .query({ contextMinutes: 10, bands: true });
    expect(charted.body.items.map((s: any) => s.value)).toEqual([40, 97, 98]);
    expect(charted.body.bands.series).toEqual([
      expect.objectContaining({
        threshold: {
          ruleId: 'cpu-critical',
          condition: 'threshold',
          op: '>',
          value: 95,
        },
      }),
    ]);
    expect(Date.parse(charted.body.bands.faultTime)).toBeLessThanOrEqual(
      Date.parse('2026-11-22T10:01:00Z'),
    );
  });

  it('counts an alert re-sent while it fires, and leaves a matched alert to its rule', async () => {
    const { server } = await start();
    const node = (minute: number) =>
      alertSignal({
        name: 'KubeNodeNotReady',
        timestamp: `2026-11-22T10:0${minute}:00Z`,
      });
    // Alertmanager re-sends a firing alert on every repeat interval.
    for (const minute of [0, 1, 2]) {
      expect((await post(server, [node(minute)])).status).toBe(202);
    }
    const list = await request(server).get('/api/cloudops/incidents');
    expect(list.body.totalCount).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      ruleId: 'node-not-ready',
      signalCount: 1,
    });
    // An alert no rule matches (here on no known entity, so that it does not
    // correlate) opens its own incident once and is counted after that.
    for (const minute of [0, 1, 2]) {
      await post(server, [
        alertSignal({
          timestamp: `2026-11-22T10:0${minute}:00Z`,
          labels: { pod: 'batch-1', severity: 'critical' },
        }),
      ]);
    }
    const all = await request(server).get('/api/cloudops/incidents');
    expect(all.body.totalCount).toBe(2);
    const unruled = all.body.items.find((i: any) => !i.ruleId);
    const detail = await request(server).get(
      `/api/cloudops/incidents/${unruled.id}`,
    );
    expect(detail.body).toMatchObject({ signalCount: 3 });
    expect(detail.body.timeline.map((e: any) => e.type)).toEqual(['opened']);
  });

  it('is idempotent for a redelivered batch', async () => {
    const { server } = await start();
    // checkout and inventory are not linked, so these are two incidents.
    const batch = [
      alertSignal(),
      alertSignal({
        name: 'KubePodNotReady',
        labels: { app: 'inventory', tier: 'backend' },
      }),
    ];
    await post(server, batch).expect(202);
    const again = await post(server, batch);
    expect(again.body).toMatchObject({
      accepted: 0,
      duplicates: 2,
      incidentIds: [],
    });
    const list = await request(server).get('/api/cloudops/incidents');
    expect(list.body.totalCount).toBe(2);
    expect(list.body.items.map((i: any) => i.signalCount)).toEqual([1, 1]);
  });

  it('answers concurrent batches each with its own result', async () => {
    const { server } = await start();
    const a = alertSignal();
    const b = alertSignal({ name: 'KubePodNotReady' });
    const c = alertSignal({ name: 'KubeContainerOOMKilled' });
    const d = alertSignal({ name: 'KubeNodeNotReady', labels: { node: 'n1' } });
    const results = await Promise.all(
      [[a, b], [b, c], [d], [a, b, c, d]].map(batch => post(server, batch)),
    );
    expect(results.map(r => r.status)).toEqual([202, 202, 202, 202]);
    const bodies = results.map(r => r.body);
    expect(bodies.map(r => r.accepted + r.duplicates)).toEqual([2, 2, 1, 4]);
    // Each of the four signals is accepted by exactly one batch.
    expect(bodies.reduce((sum, r) => sum + r.accepted, 0)).toBe(4);
    const list = await request(server).get('/api/cloudops/incidents');
    expect(
      list.body.items.reduce((n: number, i: any) => n + i.signalCount, 0),
    ).toBe(4);
  });

  it('keeps signals of unknown entities and opens unlinked incidents', async () => {
    const { server } = await start();
    await post(server, [
      alertSignal({ name: 'NodeNotReady', labels: { node: 'ip-10-0-3-7' } }),
    ]).expect(202);
    const list = await request(server).get('/api/cloudops/incidents');
    expect(list.body.totalCount).toBe(1);
    expect(list.body.items[0].entityRef).toBeUndefined();
    expect(list.body.items[0].severity).toBe('warning');
  });

  it('rejects a malformed batch whole, naming the item and field', async () => {
    const { server } = await start();
    const res = await post(server, [
      alertSignal(),
      alertSignal({ kind: 'metric', value: 'high' }),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /signals\.1\.value: Expected number/,
    );
    const extra = await post(server, [alertSignal({ colour: 'red' })]);
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/signals\.0.*colour/);
    await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: [] })
      .expect(400);
    const list = await request(server).get('/api/cloudops/incidents');
    expect(list.body.totalCount).toBe(0);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const { server } = await start();
    const res = await post(server, [
      alertSignal({ message: 'x'.repeat(1_100_000) }),
    ]);
    expect(res.status).toBe(413);
  });

  it('ingests signals published on the events service', async () => {
    const { server, events } = await start();
    await events.publish({
      topic: 'cloudops.signals',
      eventPayload: [alertSignal()],
    });
    await events.publish({
      topic: 'cloudops.signals',
      eventPayload: { nonsense: true },
    });
    const list = await request(server).get('/api/cloudops/incidents');
    expect(list.body.totalCount).toBe(1);
  });

  it('moves incidents through their lifecycle and refuses illegal moves', async () => {
    const { server } = await start();
    const created = await request(server)
      .post('/api/cloudops/incidents')
      .send({
        title: 'Checkout errors',
        severity: 'high',
        entityRef: 'component:default/checkout',
      })
      .expect(201);
    const id = created.body.id;
    await request(server)
      .post(`/api/cloudops/incidents/${id}/transition`)
      .send({ to: 'acknowledged', note: 'on it' })
      .expect(200);
    const illegal = await request(server)
      .post(`/api/cloudops/incidents/${id}/transition`)
      .send({ to: 'open' });
    expect(illegal.status).toBe(409);
    await request(server)
      .patch(`/api/cloudops/incidents/${id}`)
      .send({ severity: 'critical', assignee: 'user:default/ana.silva' })
      .expect(200);
    await request(server)
      .post(`/api/cloudops/incidents/${id}/notes`)
      .send({ text: 'Rolled back' })
      .expect(201);
    await request(server)
      .patch(`/api/cloudops/incidents/${id}`)
      .send({})
      .expect(400);
    await request(server).get('/api/cloudops/incidents/not-an-id').expect(404);
    // An id longer than the audit log's column is still audited, cut.
    await request(server)
      .post(`/api/cloudops/incidents/${'a'.repeat(300)}/transition`)
      .send({ to: 'resolved' })
      .expect(404);

    const detail = await request(server).get(`/api/cloudops/incidents/${id}`);
    expect(detail.body).toMatchObject({
      state: 'acknowledged',
      severity: 'critical',
      assignee: 'user:default/ana.silva',
      createdBy: mockCredentials.user().principal.userEntityRef,
    });
    const audit = await request(server)
      .get('/api/cloudops/audit')
      .query({ target: id });
    expect(
      audit.body.items.map((a: any) => `${a.action}:${a.outcome}`),
    ).toEqual([
      'incident-note:succeeded',
      'incident-update:succeeded',
      'incident-transition:failed',
      'incident-transition:succeeded',
    ]);
    await request(server)
      .get('/api/cloudops/audit')
      .query({ before: '9'.repeat(20) })
      .expect(400);
  });

  it('serves statistics and the dependency graph', async () => {
    const { server } = await start();
    await post(server, [
      alertSignal(),
      alertSignal({ name: 'X', labels: { app: 'web', severity: 'warning' } }),
    ]);
    const stats = await request(server)
      .get('/api/cloudops/stats')
      .query({ groupBy: 'entity' });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      total: 1,
      open: 1,
      bySeverity: { critical: 1 },
    });
    const graph = await request(server)
      .get('/api/cloudops/graph')
      .query({ entityRef: 'component:default/checkout', depth: 1 });
    expect(graph.body.nodes.map((n: any) => n.entityRef).sort()).toEqual([
      'component:default/checkout',
      'component:default/orders',
      'component:default/payments',
      'component:default/web',
    ]);
    await request(server)
      .get('/api/cloudops/graph')
      .query({ entityRef: 'component:default/nope' })
      .expect(404);
  });

  it('rejects unauthenticated calls with 401', async () => {
    const { server } = await start();
    for (const [method, path] of [
      ['get', '/api/cloudops/incidents'],
      ['post', '/api/cloudops/signals'],
      ['get', '/api/cloudops/stats'],
      ['get', '/api/cloudops/detectors/health'],
      ['get', '/api/cloudops/actions/deliveries'],
      ['get', '/api/cloudops/remediations'],
      ['post', '/api/cloudops/remediations/policy'],
      ['get', '/api/cloudops/opportunities'],
      ['post', `/api/cloudops/opportunities/${'0'.repeat(8)}/transition`],
      ['get', `/api/cloudops/opportunities/${'0'.repeat(8)}/remediations`],
      ['post', `/api/cloudops/opportunities/${'0'.repeat(8)}/remediations`],
      ['get', '/api/cloudops/savings/summary'],
      ['get', '/api/cloudops/savings/reports'],
      ['get', '/api/cloudops/validate'],
    ] as const) {
      const res = await request(server)
        [method](path)
        .set('Authorization', mockCredentials.none.header());
      expect([path, res.status]).toEqual([path, 401]);
    }
  });

  it('checks a permission on every route', async () => {
    const { server } = await start(AuthorizeResult.DENY);
    const id = '00000000-0000-4000-8000-000000000000';
    const calls: Array<[string, string, string, object?]> = [
      ['get', '/incidents', 'cloudops.incident.read'],
      [
        'post',
        '/incidents',
        'cloudops.incident.create',
        { title: 'x', severity: 'info' },
      ],
      ['get', `/incidents/${id}`, 'cloudops.incident.read'],
      ['get', `/incidents/${id}/signals`, 'cloudops.incident.read'],
      [
        'post',
        `/incidents/${id}/transition`,
        'cloudops.incident.update',
        { to: 'resolved' },
      ],
      [
        'patch',
        `/incidents/${id}`,
        'cloudops.incident.update',
        { severity: 'info' },
      ],
      [
        'post',
        `/incidents/${id}/notes`,
        'cloudops.incident.update',
        { text: 'x' },
      ],
      [
        'post',
        '/signals',
        'cloudops.signal.create',
        { signals: [alertSignal()] },
      ],
      ['get', '/stats', 'cloudops.incident.read'],
      [
        'get',
        '/graph?entityRef=component:default/web',
        'cloudops.incident.read',
      ],
      ['get', '/audit', 'cloudops.audit.read'],
      ['get', '/detectors/health', 'cloudops.detector.read'],
      ['get', '/detectors/runs', 'cloudops.detector.read'],
      [
        'get',
        '/entities/anomaly?entityRef=component:default/web',
        'cloudops.incident.read',
      ],
      ['get', '/actions/deliveries', 'cloudops.action.read'],
      ['post', `/actions/deliveries/${id}/retry`, 'cloudops.action.retry'],
      ['get', '/remediations', 'cloudops.action.read'],
      ['get', `/remediations/${id}`, 'cloudops.action.read'],
      [
        'post',
        '/remediations/policy',
        'cloudops.action.read',
        { incidentId: id, executor: 'ssm', ref: 'AWS-RestartEC2Instance' },
      ],
      [
        'post',
        `/incidents/${id}/remediations`,
        'cloudops.remediation.execute',
        { executor: 'ssm', ref: 'AWS-RestartEC2Instance' },
      ],
      [
        'post',
        `/remediations/${id}/decision`,
        'cloudops.remediation.approve',
        { decision: 'approve' },
      ],
      ['get', `/opportunities/${id}/remediations`, 'cloudops.action.read'],
      [
        'post',
        `/opportunities/${id}/remediations`,
        'cloudops.remediation.execute',
        { executor: 'ssm', ref: 'CloudOps-SnapshotAndDeleteVolume' },
      ],
      ['get', '/opportunities', 'cloudops.opportunity.read'],
      ['get', `/opportunities/${id}`, 'cloudops.opportunity.read'],
      ['get', `/opportunities/${id}/evidence`, 'cloudops.opportunity.read'],
      [
        'post',
        `/opportunities/${id}/transition`,
        'cloudops.opportunity.update',
        { to: 'rejected' },
      ],
      ['get', '/savings/summary', 'cloudops.opportunity.read'],
      ['get', '/savings/reports', 'cloudops.opportunity.read'],
      ['get', `/savings/reports/${id}`, 'cloudops.opportunity.read'],
      ['get', `/savings/reports/${id}/download`, 'cloudops.opportunity.read'],
      ['get', '/validate', 'cloudops.setup.read'],
    ];
    for (const [method, path, permission, body] of calls) {
      const res = await (request(server) as any)
        [method](`/api/cloudops${path}`)
        .send(body);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body.error.message).toBe(`Missing permission ${permission}`);
    }
  });
});
