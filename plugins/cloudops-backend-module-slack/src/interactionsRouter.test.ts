import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CloudopsActionsEngine } from '@cloudops-ai/backstage-plugin-cloudops-node';
import express from 'express';
import request from 'supertest';
import { remediation } from './__testUtils__/deliveryRequest';
import { startFakeSlack } from './__testUtils__/fakeSlack';
import { signed, SIGNING_SECRET } from './__testUtils__/signed';
import { until } from './__testUtils__/until';
import { interactionsRouter } from './interactionsRouter';
import { SlackApprovers } from './SlackApprovers';

/** A router whose engine and approvers are stubs, and a way to click. */
function clickable(engine: Partial<CloudopsActionsEngine>) {
  const logger = mockServices.logger.mock();
  const approvers = {
    signIn: async () => ({
      actor: 'user:default/ana.silva',
      credentials: mockCredentials.user('user:default/ana.silva'),
    }),
  } as unknown as SlackApprovers;
  const server = express().use(
    interactionsRouter({
      signingSecret: SIGNING_SECRET,
      engine: () => engine as CloudopsActionsEngine,
      audit: { audit: async () => {} },
      approvers,
      permissions: mockServices.permissions(),
      logger,
    }),
  );
  const click = (responseUrl: string, actionId: string, value: string) => {
    const s = signed({
      type: 'block_actions',
      user: { id: 'U0ANA' },
      response_url: responseUrl,
      actions: [{ action_id: actionId, value }],
    });
    return request(server)
      .post('/slack/interactions')
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('x-slack-request-timestamp', s.ts)
      .set('x-slack-signature', s.signature)
      .send(s.body);
  };
  return { click, logger };
}

describe('interactionsRouter', () => {
  it('still answers 401 to a bad signature when the audit log fails, and logs why', async () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const logger = mockServices.logger.mock();
    const server = express().use(
      interactionsRouter({
        signingSecret: 'slack-signing-secret',
        engine: () => ({} as CloudopsActionsEngine),
        audit: {
          audit: async () => {
            throw cause;
          },
        },
        approvers: {} as SlackApprovers,
        permissions: mockServices.permissions.mock(),
        logger,
      }),
    );

    const response = await request(server)
      .post('/slack/interactions')
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('x-slack-request-timestamp', String(Math.floor(Date.now() / 1000)))
      .set('x-slack-signature', 'v0=forged')
      .send('payload=%7B%7D');

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'invalid Slack signature' });
    expect(logger.error).toHaveBeenCalledWith(
      'Could not audit 1 refused request(s) (slack-interaction, slack:unverified); the next entry counts them',
      cause,
    );
  });

  it('answers a click at once and posts its outcome at the response_url when done', async () => {
    const slack = await startFakeSlack();
    try {
      let decided!: () => void;
      const { click } = clickable({
        decide: () =>
          new Promise(resolve => {
            decided = () => resolve(remediation({ state: 'approved' }));
          }),
      });
      const response = await click(
        `${slack.url}/respond/1`,
        'cloudops_approve',
        'r1',
      );
      expect(response.status).toBe(200);
      await until(() => decided);
      expect(slack.responses).toEqual([]);
      decided();
      const [answer] = await until(
        () => slack.responses.length > 0 && slack.responses,
      );
      expect(answer.body.text).toMatch(/approved ssm RestartCheckoutPods/);
    } finally {
      await slack.close();
    }
  });

  it('logs, audits and answers a click it could not handle', async () => {
    const slack = await startFakeSlack();
    try {
      const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
      const audited: unknown[] = [];
      const { click, logger } = clickable({
        getIncident: async () => {
          throw cause;
        },
        audit: async entry => {
          audited.push(entry);
        },
      });
      expect(
        (await click(`${slack.url}/respond/1`, 'cloudops_explain', 'i-1'))
          .status,
      ).toBe(200);
      const [answer] = await until(
        () => slack.responses.length > 0 && slack.responses,
      );
      expect(answer.body).toMatchObject({
        response_type: 'ephemeral',
        text: expect.stringMatching(/could not handle your click/),
      });
      expect(logger.error).toHaveBeenCalledWith(
        'Could not handle the Slack click cloudops_explain on i-1 by U0ANA',
        cause,
      );
      expect(audited).toEqual([
        {
          action: 'incident-explain',
          actor: 'slack:U0ANA',
          target: 'i-1',
          outcome: 'failed',
          meta: {
            via: 'slack',
            slackUser: 'U0ANA',
            reason: `not handled: ${cause.message}`,
          },
        },
      ]);
    } finally {
      await slack.close();
    }
  });
});
