import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { eventually, startFakeServer } from '../__testUtils__/fakeHttpServer';
import {
  recordingChannel,
  recordingExecutor,
  startActionsBackend,
} from './__testUtils__/actionsBackend';

jest.setTimeout(60_000);

const crashRule = {
  id: 'checkout-crash',
  match: { kind: 'alert', name: 'CheckoutCrash' },
  condition: { type: 'firing' },
  severity: 'critical',
  actions: [
    { type: 'notify', channel: 'webhook', target: 'ops' },
    { type: 'notify', channel: 'webhook', target: 'down' },
    { type: 'notify', channel: 'slack' }, // → the owner's channel annotation
  ],
};

function crash(status = 'firing', at = new Date()) {
  return {
    source: 'test',
    kind: 'alert',
    name: 'CheckoutCrash',
    status,
    timestamp: at.toISOString(),
    entityRef: 'component:default/checkout',
    labels: {},
  };
}

describe('the action dispatcher', () => {
  it('sends what rules and routes say, in order per conversation, and a channel that is down delays only its own deliveries', async () => {
    const ops = await startFakeServer();
    const chat = recordingChannel();
    // Hangs on openings only: what waits behind one goes through once it is settled.
    const down = await startFakeServer(req =>
      req.body?.event === 'opened' ? { hang: true } : {},
    );
    try {
      const server = await startActionsBackend({
        channel: chat.channel,
        cloudops: {
          rules: { inline: [crashRule] },
          actions: {
            webhooks: {
              ops: { url: ops.url, secret: 'a' },
              down: { url: down.url, secret: 'b' },
            },
            routes: [
              {
                severity: ['critical'],
                environment: ['production'],
                notify: [{ channel: 'webhook', target: 'ops' }], // same as the rule's: once
              },
            ],
          },
        },
      });
      const sentAt = Date.now();
      const res = await request(server)
        .post('/api/cloudops/signals')
        .send({ signals: [crash()] });
      expect(res.status).toBe(202);
      const [incidentId] = res.body.incidentIds;

      await eventually(
        () => ops.requests.length === 1 && chat.delivered.length === 1,
      );
      // Handed over while `down` hangs, well before its 500 ms timeout.
      expect(ops.requests[0].receivedAt - sentAt).toBeLessThan(1000);
      expect(ops.requests[0].body).toMatchObject({
        event: 'opened',
        incident: { id: incidentId },
      });
      expect(chat.delivered[0]).toMatchObject({
        target: 'checkout-hook', // team-checkout's slack.com/channel
        event: 'opened',
        entity: {
          environment: 'production',
          ownerRef: 'group:default/team-checkout',
        },
        links: {
          incident: `http://portal.test/catalog/default/component/checkout/incidents?incident=${incidentId}`,
        },
      });

      await request(server)
        .post(`/api/cloudops/incidents/${incidentId}/transition`)
        .send({ to: 'resolved' })
        .expect(200);
      await eventually(() => ops.requests.length === 2);
      expect(ops.requests.map(r => r.body.event)).toEqual([
        'opened',
        'resolved',
      ]);

      // `down` timed out three times on the opening: dead. Its `resolution`
      // waited behind it, then went through.
      const dead = await eventually(async () => {
        const list = await request(server)
          .get('/api/cloudops/actions/deliveries')
          .query({ incidentId, status: 'dead' });
        return list.body.items.length === 1 && list.body.items[0];
      });
      expect(dead).toMatchObject({
        channel: 'webhook',
        target: 'down',
        attempts: 3,
        event: 'opened',
      });
      expect(dead.lastError).toMatch(/timed out/);
      await eventually(() => down.requests.length === 4);
      expect(down.requests.map(r => r.body.event)).toEqual([
        'opened',
        'opened',
        'opened',
        'resolved',
      ]);
      expect(
        new Set(
          down.requests.slice(0, 3).map(r => r.headers['idempotency-key']),
        ),
      ).toEqual(new Set([dead.idempotencyKey]));

      // The receiver is back; the retry button sends the opening again.
      down.answer(() => ({}));
      const retried = await request(server).post(
        `/api/cloudops/actions/deliveries/${dead.id}/retry`,
      );
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
      await eventually(async () => {
        const list = await request(server)
          .get('/api/cloudops/actions/deliveries')
          .query({ incidentId, channel: 'webhook' });
        return list.body.items.every((d: any) => d.status === 'delivered');
      });
      expect(down.requests[4].headers['idempotency-key']).toBe(
        dead.idempotencyKey,
      );
      await request(server)
        .post(`/api/cloudops/actions/deliveries/${dead.id}/retry`)
        .expect(409);

      const detail = await request(server).get(
        `/api/cloudops/incidents/${incidentId}`,
      );
      const actions = detail.body.timeline
        .filter((e: any) => e.type === 'action')
        .map((e: any) => e.message);
      expect(actions).toEqual(
        expect.arrayContaining([
          'Notification (opened) delivered to webhook ops',
          expect.stringMatching(
            /^notify \(opened\) to webhook down failed after 3 attempt\(s\): .*timed out/,
          ),
          expect.stringMatching(
            /retried the notify \(opened\) to webhook down$/,
          ),
        ]),
      );
      const audit = await request(server)
        .get('/api/cloudops/audit')
        .query({ target: dead.id });
      expect(audit.body.items.map((a: any) => a.action)).toEqual(
        expect.arrayContaining([
          'action-dead-letter',
          'action-retry',
          'action-delivered',
        ]),
      );
    } finally {
      await Promise.all([ops.close(), down.close()]);
    }
  });

  it('dead-letters at once what a receiver rejects, and what no installed channel carries', async () => {
    const ops = await startFakeServer(() => ({
      status: 410,
      body: { error: 'gone' },
    }));
    try {
      const server = await startActionsBackend({
        cloudops: {
          rules: {
            inline: [
              {
                ...crashRule,
                actions: [
                  { type: 'notify', channel: 'webhook', target: 'ops' },
                  {
                    type: 'notify',
                    channel: 'sns',
                    target: 'arn:aws:sns:us-east-1:1:noc',
                  },
                ],
              },
            ],
          },
          actions: { webhooks: { ops: { url: ops.url, secret: 'a' } } },
        },
      });
      const res = await request(server)
        .post('/api/cloudops/signals')
        .send({ signals: [crash()] });
      const [incidentId] = res.body.incidentIds;
      const dead = await eventually(async () => {
        const list = await request(server)
          .get('/api/cloudops/actions/deliveries')
          .query({ incidentId, status: 'dead' });
        return list.body.items.length === 2 && list.body.items;
      });
      const byChannel = Object.fromEntries(
        dead.map((d: any) => [d.channel, d]),
      );
      expect(byChannel.webhook).toMatchObject({
        attempts: 1,
        lastError: expect.stringContaining('HTTP 410'),
      });
      expect(byChannel.sns.lastError).toBe(
        'No action channel "sns" is installed and configured (add or configure its module, then retry)',
      );
      expect(ops.requests).toHaveLength(1);
    } finally {
      await ops.close();
    }
  });

  it('records a backfill older than maxEventAge without sending or remediating anything for it', async () => {
    const chat = recordingChannel();
    const ssm = recordingExecutor();
    const server = await startActionsBackend({
      channel: chat.channel,
      executor: ssm.executor,
      cloudops: {
        rules: {
          inline: [
            {
              ...crashRule,
              actions: [
                { type: 'notify', channel: 'slack' },
                { type: 'remediate', executor: 'ssm', ref: 'restart' },
              ],
            },
          ],
        },
        actions: { maxEventAge: { minutes: 30 } },
      },
    });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const old = await request(server)
      .post('/api/cloudops/signals')
      .send({
        signals: [crash('firing', hoursAgo(3)), crash('resolved', hoursAgo(2))],
      });
    const [oldId] = old.body.incidentIds;
    const fresh = await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: [crash()] });
    const [freshId] = fresh.body.incidentIds;
    expect(freshId).not.toBe(oldId);

    await eventually(() => chat.delivered.length === 1);
    expect(chat.delivered[0]).toMatchObject({ incident: { id: freshId } });
    const deliveries = await request(server)
      .get('/api/cloudops/actions/deliveries')
      .query({ incidentId: oldId });
    expect(deliveries.body.items).toEqual([]);
    const incident = await request(server).get(
      `/api/cloudops/incidents/${oldId}`,
    );
    expect(incident.body.state).toBe('resolved');
    const remediations = await request(server)
      .get('/api/cloudops/remediations')
      .query({ incidentId: oldId });
    expect(remediations.body.items).toEqual([]);
    const freshRemediations = await request(server)
      .get('/api/cloudops/remediations')
      .query({ incidentId: freshId });
    expect(freshRemediations.body.items).toHaveLength(1);
  });

  it('answers 404 and 409 on the retry of unknown or live deliveries, and validates queries', async () => {
    const server = await startActionsBackend({ cloudops: {} });
    await request(server)
      .post(
        '/api/cloudops/actions/deliveries/00000000-0000-4000-8000-000000000000/retry',
      )
      .expect(404);
    const bad = await request(server)
      .get('/api/cloudops/actions/deliveries')
      .query({ status: 'lost' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status\.0/);
    const unauth = await request(server)
      .get('/api/cloudops/actions/deliveries')
      .set('Authorization', mockCredentials.none.header());
    expect(unauth.status).toBe(401);
  });
});
