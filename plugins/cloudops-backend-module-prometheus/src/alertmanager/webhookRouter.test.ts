import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ActionAuditEntry,
  PushDelivery,
  SignalInput,
  SignalSink,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import express from 'express';
import request from 'supertest';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';
import { webhookNotification } from '../__testUtils__/webhookNotification';
import { ReceiverOptions } from '../config';
import { createWebhookRouter, WEBHOOK_PATH } from './webhookRouter';

const TOKEN = 'token-0123456789';

function app(
  sink: SignalSink | undefined,
  options: {
    now?: () => number;
    receivers?: ReceiverOptions[];
    /** Instead of keeping entries, as when the database is down. */
    auditFails?: Error;
  } = {},
) {
  const logger = mockServices.logger.mock();
  const audited: ActionAuditEntry[] = [];
  const router = createWebhookRouter({
    receivers: options.receivers ?? [
      { name: 'cloudops', credentials: { type: 'bearer', token: TOKEN } },
    ],
    maxBodyBytes: 100_000,
    sink: () => sink,
    auditor: recordingAuditor().auditor,
    audit: {
      audit: async entry => {
        if (options.auditFails) throw options.auditFails;
        audited.push(entry);
      },
    },
    logger,
    now: options.now,
  });
  const server = express();
  server.use(router);
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger,
    }).error(),
  );
  return { server, logger, audited };
}

const notification = webhookNotification('cloudops', [
  {
    labels: { alertname: 'KubeNodeNotReady', node: 'node-b', cluster: 'prod' },
  },
]);

function recordingSink(push: (signals: SignalInput[]) => Promise<void>) {
  const reports: PushDelivery[] = [];
  const sink: SignalSink = {
    push,
    report: async delivery => {
      reports.push(delivery);
    },
  };
  return { sink, reports };
}

describe('createWebhookRouter', () => {
  const post = (server: express.Express, body: object = notification) =>
    request(server)
      .post(WEBHOOK_PATH)
      .set('Authorization', `Bearer ${TOKEN}`)
      .send(body);

  it('answers 503 when the alerts cannot be stored, so Alertmanager retries, and logs the cause without answering it', async () => {
    const cause = new Error(
      'insert into "signals" ("account", "name") values ($1, $2) returning "id" - value too long for type character varying(255)',
    );
    const { sink, reports } = recordingSink(async () => {
      throw cause;
    });
    const { server, logger } = app(sink);
    const response = await post(server);
    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'The alerts could not be stored; Alertmanager will retry',
    });
    expect(JSON.stringify(response.body)).not.toMatch(/insert|varying/);
    expect(logger.error).toHaveBeenCalledWith(
      'Alertmanager webhook: the 1 alert(s) of group {}:{} from receiver cloudops could not be stored',
      cause,
    );
    // Detector health shows the failure, not the SQL.
    expect(reports).toEqual([
      expect.objectContaining({
        shard: 'cloudops',
        items: 0,
        error: 'The alerts could not be stored; Alertmanager will retry',
      }),
    ]);
  });

  it('refuses a notification whose alert does not fit, naming the alert field, and stores none of it', async () => {
    const pushed: SignalInput[][] = [];
    const { sink, reports } = recordingSink(async signals => {
      pushed.push(signals);
    });
    const response = await post(
      app(sink).server,
      webhookNotification('cloudops', [
        { labels: { alertname: 'KubeNodeNotReady', node: 'node-b' } },
        { labels: { alertname: 'A'.repeat(300), node: 'node-c' } },
      ]),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Invalid notification: alerts.1.labels.alertname: String must contain at most 255 character(s)',
    );
    expect(pushed).toEqual([]);
    expect(reports).toEqual([
      expect.objectContaining({ shard: 'cloudops', items: 0 }),
    ]);
  });

  it('answers 503 before the engine has connected', async () => {
    const response = await post(app(undefined).server);
    expect(response.status).toBe(503);
    expect(response.body.error.message).toMatch(/CloudOps is starting/);
  });

  it('answers only once the signals are pushed, with the cluster from the alert', async () => {
    const pushed: SignalInput[][] = [];
    const { sink, reports } = recordingSink(async signals => {
      await new Promise(resolve => setTimeout(resolve, 20));
      pushed.push(signals);
    });
    const { server, logger } = app(sink);
    const response = await post(server, {
      ...notification,
      truncatedAlerts: 3,
    });
    expect(response.status).toBe(200);
    expect(pushed).toHaveLength(1);
    expect(pushed[0][0]).toMatchObject({
      account: 'prod',
      resource: 'node-b',
      fingerprint: undefined,
    });
    // Alertmanager left some out: taken, but health says so.
    expect(reports[0]).toMatchObject({
      items: 1,
      error: 'Alertmanager left out 3 alert(s) of group {}:{} (max_alerts)',
    });
    expect(logger.warn).toHaveBeenCalled();
  });

  it('answers 401 to a bad credential, logs it and writes it to the audit log', async () => {
    const { server, logger, audited } = app(recordingSink(async () => {}).sink);
    const response = await request(server)
      .post(WEBHOOK_PATH)
      .set('Authorization', 'Bearer not-the-token')
      .send(notification);
    expect(response.status).toBe(401);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Refused an Alertmanager notification from \S+: not the credentials of a receiver$/,
      ),
    );
    expect(audited).toEqual([
      {
        action: 'alertmanager-webhook',
        actor: 'alertmanager:unverified',
        outcome: 'failed',
        meta: {
          reason: 'not the credentials of a receiver',
          ip: expect.any(String),
          rejected: 1,
        },
      },
    ]);
  });

  it('audits a burst of bad credentials once a minute, with how many were refused', async () => {
    let now = 1_000_000;
    const { server, logger, audited } = app(
      recordingSink(async () => {}).sink,
      { now: () => now },
    );
    const refuse = async (authorization?: string) => {
      const req = request(server).post(WEBHOOK_PATH);
      if (authorization) req.set('Authorization', authorization);
      expect((await req.send(notification)).status).toBe(401);
    };
    for (let i = 0; i < 50; i++) {
      await refuse(i % 2 ? `Bearer guess-${i}` : undefined);
      now += 1_000;
    }
    // All 50 logged; one entry within the minute.
    expect(logger.warn).toHaveBeenCalledTimes(50);
    expect(audited.map(e => e.meta)).toEqual([
      {
        reason: 'no Authorization header',
        ip: expect.any(String),
        rejected: 1,
      },
    ]);
    // The next minute's next refusal stands for itself and the 49 left out.
    now = 1_000_000 + 60_000;
    await refuse('Bearer guess-again');
    expect(audited.map(e => e.meta)).toEqual([
      {
        reason: 'no Authorization header',
        ip: expect.any(String),
        rejected: 1,
      },
      {
        reason: 'not the credentials of a receiver',
        ip: expect.any(String),
        rejected: 50,
      },
    ]);
    // A receiver's own credentials are not refused, nor audited there.
    expect((await post(server)).status).toBe(200);
    expect(audited).toHaveLength(2);
  });

  describe('with the credentials of another receiver', () => {
    const STG = { username: 'alertmanager-stg', password: 'stg-s3cret' };
    const receivers: ReceiverOptions[] = [
      { name: 'cloudops', credentials: { type: 'bearer', token: TOKEN } },
      // Shares the credentials of cloudops.
      { name: 'canary', credentials: { type: 'bearer', token: TOKEN } },
      { name: 'cloudops-stg', credentials: { type: 'basic', ...STG } },
    ];
    const basic = `Basic ${Buffer.from(
      `${STG.username}:${STG.password}`,
    ).toString('base64')}`;
    const send = (
      server: express.Express,
      authorization: string,
      receiver: string,
    ) =>
      request(server)
        .post(WEBHOOK_PATH)
        .set('Authorization', authorization)
        .send({ ...notification, receiver });

    it('answers 403 and audits it apart from the 401s, bounded per credentials, naming the receivers and the user but no secret', async () => {
      let now = 1_000_000;
      const { server, logger, audited } = app(
        recordingSink(async () => {}).sink,
        { now: () => now, receivers },
      );
      const bearer = `Bearer ${TOKEN}`;
      expect((await send(server, bearer, 'cloudops-stg')).status).toBe(403);
      expect((await send(server, basic, 'cloudops')).status).toBe(403);
      expect((await send(server, 'Bearer guess', 'cloudops')).status).toBe(401);
      for (let i = 0; i < 3; i++) {
        now += 1_000;
        expect((await send(server, bearer, 'cloudops-stg')).status).toBe(403);
      }
      now = 1_000_000 + 60_000;
      expect((await send(server, bearer, 'cloudops-stg')).status).toBe(403);

      const toStg = {
        action: 'alertmanager-webhook',
        actor: 'alertmanager:cloudops,canary',
        outcome: 'failed',
        meta: {
          reason:
            'not the credentials of receiver "cloudops-stg" (they are those of "cloudops", "canary")',
          ip: expect.any(String),
          receiver: 'cloudops-stg',
          rejected: 1,
        },
      };
      expect(audited).toEqual([
        toStg,
        {
          action: 'alertmanager-webhook',
          actor: 'alertmanager:cloudops-stg',
          outcome: 'failed',
          meta: {
            reason:
              'not the credentials of receiver "cloudops" (they are those of "cloudops-stg")',
            ip: expect.any(String),
            receiver: 'cloudops',
            username: 'alertmanager-stg',
            rejected: 1,
          },
        },
        expect.objectContaining({
          actor: 'alertmanager:unverified',
          meta: expect.objectContaining({ rejected: 1 }),
        }),
        // The next minute's: itself and the three left out.
        { ...toStg, meta: { ...toStg.meta, rejected: 4 } },
      ]);
      for (const secret of [TOKEN, STG.password, basic.slice(6)]) {
        expect(JSON.stringify(audited)).not.toContain(secret);
      }
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Refused an Alertmanager notification from \S+: not the credentials of receiver "cloudops" \(they are those of "cloudops-stg"\)$/,
        ),
      );
    });

    it('still answers 401 and 403 when the audit log fails, and logs why', async () => {
      const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
      const { server, logger } = app(recordingSink(async () => {}).sink, {
        receivers,
        auditFails: cause,
      });
      const refused = await send(server, 'Bearer guess', 'cloudops');
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toContain('Bearer');
      const forbidden = await send(server, basic, 'cloudops');
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.message).toBe(
        'These credentials are not those of receiver "cloudops"',
      );
      expect(logger.error).toHaveBeenCalledWith(
        'Could not audit 1 refused request(s) (alertmanager-webhook, alertmanager:unverified); the next entry counts them',
        cause,
      );
      expect(logger.error).toHaveBeenCalledWith(
        'Could not audit 1 refused request(s) (alertmanager-webhook, alertmanager:cloudops-stg); the next entry counts them',
        cause,
      );
    });
  });
});
