import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startCloudopsBackend } from '../__testUtils__/testBackend';
import { webhookNotification } from '../__testUtils__/webhookNotification';

jest.setTimeout(60_000);

const WEBHOOK = '/api/cloudops/alertmanager/webhook';
const PROD_TOKEN = 'prod-webhook-token-0123456789';
const STG = { username: 'alertmanager-stg', password: 's3cret' };

const config = {
  cloudops: {
    prometheus: {
      webhook: {
        maxBodyBytes: 20_000,
        receivers: [
          {
            name: 'cloudops-prod',
            cluster: 'prod',
            auth: { bearerToken: PROD_TOKEN },
          },
          { name: 'cloudops-stg', auth: { basic: STG } },
        ],
      },
    },
  },
};

const checkoutCrash = {
  labels: {
    alertname: 'KubePodCrashLooping',
    namespace: 'shop',
    pod: 'checkout-7d9f8c6b5-x2x4q',
    container: 'app',
    severity: 'critical',
  },
  annotations: {
    summary: 'CrashLoopBackOff: shop/checkout-7d9f8c6b5-x2x4q (app)',
  },
  fingerprint: 'a1b2c3d4e5f60718',
};
const nodeDown = {
  labels: {
    alertname: 'KubeNodeNotReady',
    node: 'node-b',
    severity: 'critical',
  },
  annotations: { summary: 'Node node-b is not ready' },
  fingerprint: '0f1e2d3c4b5a6978',
};

describe('Alertmanager webhook receiver', () => {
  it('leaves the route closed and starts cleanly without configuration', async () => {
    const { server } = await startCloudopsBackend({});
    await request(server)
      .post(WEBHOOK)
      .set('Authorization', `Bearer ${PROD_TOKEN}`)
      .send(webhookNotification('cloudops-prod', [checkoutCrash]))
      .expect(401);
    await request(server)
      .post(WEBHOOK)
      .set('Authorization', mockCredentials.user.header())
      .send({})
      .expect(404);
    const health = await request(server).get('/api/cloudops/detectors/health');
    expect(health.body.items).toEqual([]);
  });

  it('turns a group into signals, incidents on the right entities, and resolves them', async () => {
    const { server, audit } = await startCloudopsBackend(config);
    const post = (body: unknown) =>
      request(server)
        .post(WEBHOOK)
        .set('Authorization', `Bearer ${PROD_TOKEN}`)
        .send(body as object);

    const firing = webhookNotification('cloudops-prod', [
      checkoutCrash,
      nodeDown,
    ]);
    const delivered = await post(firing);
    expect(delivered.status).toBe(200);
    expect(delivered.body).toEqual({ alerts: 2 });

    const incidents = await request(server).get('/api/cloudops/incidents');
    const byRule = Object.fromEntries(
      incidents.body.items.map((i: any) => [i.ruleId ?? i.title, i]),
    );
    expect(incidents.body.totalCount).toBe(2);
    const crash = incidents.body.items.find(
      (i: any) => i.entityRef === 'component:default/checkout',
    );
    expect(crash).toMatchObject({
      severity: 'critical',
      state: 'open',
      title: 'CrashLoopBackOff: shop/checkout-7d9f8c6b5-x2x4q (app)',
    });
    expect(Object.keys(byRule)).toHaveLength(2);
    const node = incidents.body.items.find(
      (i: any) => i.entityRef === 'component:default/platform',
    );
    expect(node).toBeDefined();

    const signals = await request(server).get(
      `/api/cloudops/incidents/${crash.id}/signals`,
    );
    expect(signals.body.items).toEqual([
      expect.objectContaining({
        source: 'alertmanager',
        kind: 'alert',
        name: 'KubePodCrashLooping',
        status: 'firing',
        account: 'prod',
        resource: 'shop/checkout-7d9f8c6b5-x2x4q',
        fingerprint: 'alertmanager:prod:a1b2c3d4e5f60718',
        message: 'CrashLoopBackOff: shop/checkout-7d9f8c6b5-x2x4q (app)',
      }),
    ]);

    // Alertmanager repeats the notification: nothing changes.
    await post(firing).expect(200);
    const again = await request(server).get(
      `/api/cloudops/incidents/${crash.id}/signals`,
    );
    expect(again.body.items).toHaveLength(1);

    await post(
      webhookNotification('cloudops-prod', [
        { ...checkoutCrash, status: 'resolved' },
      ]),
    ).expect(200);
    const resolved = await request(server).get(
      `/api/cloudops/incidents/${crash.id}`,
    );
    expect(resolved.body.state).toBe('resolved');

    const health = await request(server).get('/api/cloudops/detectors/health');
    expect(health.body.items).toEqual([
      expect.objectContaining({
        detector: 'alertmanager-webhook',
        shard: 'cloudops-prod',
        consecutiveFailures: 0,
        lastRun: expect.objectContaining({ outcome: 'succeeded', items: 1 }),
      }),
    ]);
    expect(
      audit
        .filter(a => a.eventId === 'alertmanager-webhook')
        .map(a => [a.outcome, a.meta?.alerts]),
    ).toEqual([
      ['succeeded', 2],
      ['succeeded', 2],
      ['succeeded', 1],
    ]);
  });

  it('refuses what it must not take, says why, and shows it in health', async () => {
    const { server, audit } = await startCloudopsBackend(config);
    const basic = `Basic ${Buffer.from(
      `${STG.username}:${STG.password}`,
    ).toString('base64')}`;
    const prod = `Bearer ${PROD_TOKEN}`;
    const send = (
      auth: string | undefined,
      body: string | object,
      type = 'application/json',
    ) => {
      const req = request(server).post(WEBHOOK).set('Content-Type', type);
      if (auth) req.set('Authorization', auth);
      return req.send(body);
    };
    const valid = webhookNotification('cloudops-stg', [checkoutCrash]);

    const none = await send(undefined, valid);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const wrong = await send('Bearer not-the-token', valid);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(
      /bearer token or basic auth of a receiver/,
    );
    await send(
      `Basic ${Buffer.from(`${STG.username}:wrong`).toString('base64')}`,
      valid,
    ).expect(401);
    // A backstage user token is not a receiver's credentials either.
    await send(mockCredentials.user.header(), valid).expect(401);

    const cases: Array<
      [string, string, string | object, number, RegExp, string?]
    > = [
      [
        'malformed JSON',
        basic,
        '{"receiver": "cloudops-stg", "alerts": [',
        400,
        /not valid JSON/,
      ],
      [
        'not JSON at all',
        basic,
        'alerts!',
        400,
        /Expected Content-Type application\/json/,
        'text/plain',
      ],
      [
        'not an object',
        basic,
        [1, 2],
        400,
        /a JSON object with receiver and alerts/,
      ],
      [
        'a bad alert',
        basic,
        webhookNotification('cloudops-stg', [
          { ...checkoutCrash, startsAt: 'yesterday' },
          { labels: { severity: 'high' } },
        ]),
        400,
        /alerts\.0\.startsAt: not an RFC 3339 time; alerts\.1\.labels: must have an alertname/,
      ],
      [
        'another version',
        basic,
        { ...valid, version: '3' },
        400,
        /version "3"; expected "4"/,
      ],
      [
        'an unknown receiver',
        basic,
        webhookNotification('team-x', [checkoutCrash]),
        400,
        /Unknown receiver "team-x"; configured receivers: cloudops-prod, cloudops-stg/,
      ],
      [
        "another receiver's name",
        prod,
        valid,
        403,
        /not those of receiver "cloudops-stg"/,
      ],
      [
        'too much',
        basic,
        webhookNotification(
          'cloudops-stg',
          Array.from({ length: 80 }, (_, i) => ({
            ...checkoutCrash,
            labels: { ...checkoutCrash.labels, pod: `checkout-${i}` },
          })),
        ),
        413,
        /larger than 20000 bytes/,
      ],
    ];
    for (const [what, auth, body, status, message, type] of cases) {
      const response = await send(auth, body, type);
      expect([what, response.status]).toEqual([what, status]);
      expect(response.body.error.message).toMatch(message);
    }

    // Nothing of it was taken.
    const incidents = await request(server).get('/api/cloudops/incidents');
    expect(incidents.body.totalCount).toBe(0);

    // A good delivery still goes through, and health keeps count.
    await send(basic, valid).expect(200);
    await send(basic, { ...valid, version: '3' }).expect(400);
    const health = await request(server).get('/api/cloudops/detectors/health');
    const byShard = Object.fromEntries(
      health.body.items.map((h: any) => [h.shard, h]),
    );
    expect(byShard['cloudops-stg']).toMatchObject({
      detector: 'alertmanager-webhook',
      consecutiveFailures: 1,
      lastRun: {
        outcome: 'failed',
        error: expect.stringMatching(/version "3"/),
      },
      lastSuccessAt: expect.any(String),
    });
    // The 403 is counted against the receiver whose credentials were used.
    expect(byShard['cloudops-prod'].lastRun.error).toMatch(
      /not those of receiver/,
    );

    const webhookAudit = audit.filter(
      a => a.eventId === 'alertmanager-webhook',
    );
    // 13 refused deliveries, and the audit log's entries for the refused
    // credentials and the 403 (the core writes its entries to the auditor
    // too).
    expect(webhookAudit.filter(a => a.outcome === 'failed')).toHaveLength(15);
    expect(
      webhookAudit.filter(a => a.meta?.actor === 'alertmanager:unverified'),
    ).toHaveLength(1);
    expect(webhookAudit.filter(a => a.outcome === 'succeeded')).toHaveLength(1);
    // The four refused credentials reached the append-only audit log through
    // the audit extension point, bounded: one entry within the minute; the
    // 403 has its own, naming whose credentials were used.
    const log = await request(server)
      .get('/api/cloudops/audit')
      .query({ limit: 100 });
    expect(
      log.body.items
        .filter((a: any) => a.action === 'alertmanager-webhook')
        .map((a: any) => [a.actor, a.outcome, a.meta.reason, a.meta.rejected])
        .sort(),
    ).toEqual([
      [
        'alertmanager:cloudops-prod',
        'failed',
        'not the credentials of receiver "cloudops-stg" (they are those of "cloudops-prod")',
        1,
      ],
      ['alertmanager:unverified', 'failed', 'no Authorization header', 1],
    ]);
    expect(JSON.stringify(log.body)).not.toContain(PROD_TOKEN);
  });
});
