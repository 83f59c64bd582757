import { mockServices } from '@backstage/backend-test-utils';
import { WebClient } from '@slack/web-api';
import { startFakeAuth } from './__testUtils__/fakeAuth';
import { startFakeSlack } from './__testUtils__/fakeSlack';
import { SlackApprovers } from './SlackApprovers';

/** A confirmed email of a full member, the only kind that may stand for one. */
const MEMBER = { is_email_confirmed: true };

describe('SlackApprovers', () => {
  async function start(
    options: { teamIds?: string[]; signInByEmail?: boolean } = {},
  ) {
    const slack = await startFakeSlack();
    const authBackend = await startFakeAuth({
      U0ANA: 'user:default/ana.silva',
      'chen.li@acme.example': 'user:default/chen.li',
    });
    const logger = mockServices.logger.mock();
    const approvers = new SlackApprovers({
      auth: mockServices.auth(),
      discovery: mockServices.discovery.mock({
        getBaseUrl: async pluginId => `${authBackend.url}/api/${pluginId}`,
      }),
      logger,
      slack: new WebClient(slack.token, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
      }),
      ...options,
    });
    const close = () => Promise.all([slack.close(), authBackend.close()]);
    return { slack, authBackend, logger, approvers, close };
  }

  it('signs a member in by annotation only, unless signInByEmail is on', async () => {
    const { slack, authBackend, approvers, close } = await start();
    try {
      slack.users.U0CHEN = { email: 'chen.li@acme.example', ...MEMBER };
      expect(await approvers.signIn({ userId: 'U0ANA' })).toMatchObject({
        actor: 'user:default/ana.silva',
      });
      expect(await approvers.signIn({ userId: 'U0CHEN' })).toEqual({
        actor: 'slack:U0CHEN',
        refusal:
          'Slack user U0CHEN is not a Backstage user (no catalog User with slack.com/bot-notify: U0CHEN)',
      });
      expect(authBackend.calls.map(c => c.email)).toEqual([
        undefined,
        undefined,
      ]);
    } finally {
      await close();
    }
  });

  it('with signInByEmail, uses only the confirmed email of a full member of the workspace', async () => {
    const { slack, approvers, logger, close } = await start({
      signInByEmail: true,
    });
    try {
      const email = 'chen.li@acme.example';
      slack.users.U0CHEN = { email, ...MEMBER };
      slack.users.U0GUEST = { email, ...MEMBER, is_restricted: true };
      slack.users.U0SOLO = { email, ...MEMBER, is_ultra_restricted: true };
      slack.users.U0EXT = { email, ...MEMBER, is_stranger: true };
      slack.users.U0NEW = { email, is_email_confirmed: false };
      expect(await approvers.signIn({ userId: 'U0CHEN' })).toMatchObject({
        actor: 'user:default/chen.li',
      });
      const refusal = async (userId: string) =>
        ((await approvers.signIn({ userId })) as { refusal: string }).refusal;
      expect(await refusal('U0GUEST')).toMatch(
        /no catalog User with slack.com\/bot-notify: U0GUEST; its Slack email was not used: a guest\)$/,
      );
      expect(await refusal('U0SOLO')).toMatch(/not used: a guest\)$/);
      expect(await refusal('U0EXT')).toMatch(
        /not used: a member of another organisation\)$/,
      );
      expect(await refusal('U0NEW')).toMatch(/not used: not confirmed\)$/);

      slack.failNext({ error: 'missing_scope' });
      expect(await refusal('U0CHEN')).toMatch(
        /not used: users.info failed: missing_scope\)$/,
      );
      expect(logger.warn).toHaveBeenCalledWith(
        'Slack users.info for U0CHEN failed (missing_scope): it can be signed in by its slack.com/bot-notify annotation only',
      );
    } finally {
      await close();
    }
  });

  it('tells a member with no catalog user from an auth backend that failed', async () => {
    const { authBackend, approvers, close } = await start();
    try {
      authBackend.failNext({
        status: 500,
        name: 'Error',
        message: 'catalog unavailable',
      });
      expect(await approvers.signIn({ userId: 'U0ANA' })).toEqual({
        actor: 'slack:U0ANA',
        refusal:
          'could not sign Slack user U0ANA in: the auth backend answered HTTP 500: Error: catalog unavailable',
      });
      authBackend.failNext({
        status: 401,
        name: 'AuthenticationError',
        message: 'Only the cloudops plugin signs Slack approvers in',
      });
      expect(await approvers.signIn({ userId: 'U0ANA' })).toMatchObject({
        refusal:
          'could not sign Slack user U0ANA in: the auth backend answered HTTP 401: AuthenticationError: Only the cloudops plugin signs Slack approvers in',
      });
      authBackend.failNext({
        status: 404,
        name: 'NotFoundError',
        message: "No auth provider registered for 'cloudops-slack'",
      });
      expect(await approvers.signIn({ userId: 'U0ANA' })).toMatchObject({
        refusal: expect.stringMatching(
          /^the auth backend has no cloudops-slack provider/,
        ),
      });
    } finally {
      await close();
    }
  });

  it('with teamIds, refuses members clicking in other workspaces, or from other organisations, without asking anyone', async () => {
    const { authBackend, approvers, close } = await start({ teamIds: ['T0'] });
    try {
      expect(
        await approvers.signIn({
          userId: 'U0ANA',
          teamId: 'T9',
          userTeamId: 'T9',
        }),
      ).toEqual({
        actor: 'slack:U0ANA',
        refusal:
          'the click came from Slack workspace T9, which is not in cloudops.slack.teamIds',
      });
      expect(
        await approvers.signIn({
          userId: 'U0ANA',
          teamId: 'T0',
          userTeamId: 'E9',
        }),
      ).toEqual({
        actor: 'slack:U0ANA',
        refusal:
          'Slack user U0ANA is a member of E9, which is not in cloudops.slack.teamIds',
      });
      expect(authBackend.calls).toEqual([]);
      expect(
        await approvers.signIn({
          userId: 'U0ANA',
          teamId: 'T0',
          userTeamId: 'T0',
        }),
      ).toMatchObject({ actor: 'user:default/ana.silva' });
    } finally {
      await close();
    }
  });
});
