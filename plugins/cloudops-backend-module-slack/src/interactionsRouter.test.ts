import { mockServices } from '@backstage/backend-test-utils';
import { CloudopsActionsEngine } from '@cloudops-ai/backstage-plugin-cloudops-node';
import express from 'express';
import request from 'supertest';
import { interactionsRouter } from './interactionsRouter';
import { SlackApprovers } from './SlackApprovers';

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
});
