import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { cloudopsActionsExtensionPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { startFakeAuth } from './__testUtils__/fakeAuth';
import { startFakeSlack } from './__testUtils__/fakeSlack';
import { signed, SIGNING_SECRET } from './__testUtils__/signed';
import { until } from './__testUtils__/until';
// The module is tested in the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import { cloudopsModuleSlack } from './module';

jest.setTimeout(60_000);

/** Slack member or email → catalog user, as the auth backend's provider would map them. */
const MEMBERS: Record<string, string> = {
  U0ANA: 'user:default/ana.silva',
  U0BEN: 'user:default/ben.okafor',
  'cara.diaz@acme.example': 'user:default/cara.diaz',
};

describe('Slack interactions', () => {
  it('takes approvals and explains to mapped, permitted Slack members; refuses forged, replayed, unmapped and denied clicks, and clicks from other workspaces', async () => {
    const slack = await startFakeSlack();
    const authBackend = await startFakeAuth(MEMBERS);
    const executed: string[] = [];
    try {
      const { server } = await startTestBackend({
        features: [
          cloudopsPlugin,
          cloudopsModuleSlack,
          catalogServiceMock.factory({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: {
                  name: 'checkout',
                  namespace: 'default',
                  annotations: { 'cloudops.ai/environment': 'production' },
                },
                spec: { type: 'service', owner: 'team-checkout' },
              },
            ],
          }),
          mockServices.discovery.mock({
            getBaseUrl: async pluginId => `${authBackend.url}/api/${pluginId}`,
          }).factory,
          mockServices.permissions.mock({
            authorize: async (requests, { credentials }) =>
              requests.map(() => ({
                result:
                  (credentials.principal as any).userEntityRef ===
                  'user:default/ben.okafor'
                    ? AuthorizeResult.DENY
                    : AuthorizeResult.ALLOW,
              })),
          }).factory,
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://portal.test' },
              cloudops: {
                rules: {
                  watch: false,
                  inline: [
                    {
                      id: 'checkout-crash',
                      match: { kind: 'alert', name: 'CheckoutCrash' },
                      condition: { type: 'firing' },
                      severity: 'high',
                      actions: [
                        { type: 'notify', channel: 'slack', target: '#noc' },
                        {
                          type: 'remediate',
                          executor: 'ssm',
                          ref: 'RestartCheckoutPods',
                          dryRun: false,
                        },
                      ],
                    },
                  ],
                },
                actions: { delivery: { pollInterval: { milliseconds: 100 } } },
                slack: {
                  botToken: slack.token,
                  apiUrl: slack.apiUrl,
                  signingSecret: SIGNING_SECRET,
                  teamIds: ['T0'],
                  signInByEmail: true,
                },
              },
            },
          }),
          createBackendModule({
            pluginId: 'cloudops',
            moduleId: 'test-executor',
            register(env) {
              env.registerInit({
                deps: { actions: cloudopsActionsExtensionPoint },
                async init({ actions }) {
                  actions.addExecutor({
                    id: 'ssm',
                    supportsDryRun: false,
                    plan: async () => ({
                      targets: ['i-0abc'],
                      costImpact: 'neutral',
                    }),
                    async execute(run) {
                      executed.push(run.ref);
                      return {
                        status: 'succeeded',
                        summary: 'restarted',
                        outputs: {},
                      };
                    },
                  });
                },
              });
            },
          }),
        ],
      });
      const signal = {
        source: 'test',
        kind: 'alert',
        name: 'CheckoutCrash',
        status: 'firing',
        timestamp: new Date().toISOString(),
        entityRef: 'component:default/checkout',
      };
      const raised = await request(server)
        .post('/api/cloudops/signals')
        .send({ signals: [signal] });
      const [incidentId] = raised.body.incidentIds;

      // The approval request arrives in the incident's thread with its buttons.
      const ask = await until(() =>
        slack.messages.find(m =>
          JSON.stringify(m.blocks).includes('cloudops_approve'),
        ),
      );
      const root = slack.messages[0];
      expect(ask.thread_ts).toBe(root.ts);
      const approve = ask.blocks
        .find((b: any) => b.type === 'actions')
        .elements.find((e: any) => e.action_id === 'cloudops_approve');
      const requestId = approve.value;

      const click = (
        user: string,
        actionId = 'cloudops_approve',
        value = requestId,
        team = 'T0',
      ) => ({
        type: 'block_actions',
        user: { id: user, team_id: team },
        team: { id: team },
        response_url: `${slack.url}/respond/${user}`,
        actions: [{ action_id: actionId, value }],
      });
      const post = (s: ReturnType<typeof signed>) =>
        request(server)
          .post('/api/cloudops/slack/interactions')
          .set('content-type', 'application/x-www-form-urlencoded')
          .set('x-slack-request-timestamp', s.ts)
          .set('x-slack-signature', s.signature)
          .send(s.body);
      // Slack gets 200 at once; the outcome follows at the response_url.
      const answer = async (s: ReturnType<typeof signed>) => {
        const answered = slack.responses.length;
        expect((await post(s)).status).toBe(200);
        return (await until(() => slack.responses[answered])).body;
      };

      // Forged (wrong secret) and replayed (ten minutes old) clicks: 401, no decision.
      expect(
        (await post(signed(click('U0ANA'), { secret: 'guess' }))).status,
      ).toBe(401);
      expect(
        (
          await post(
            signed(click('U0ANA'), { at: Math.floor(Date.now() / 1000) - 600 }),
          )
        ).status,
      ).toBe(401);
      // A burst of them: every one refused, but the audit log takes only the
      // first within the interval (RejectedRequests tests the interval).
      for (let i = 0; i < 25; i++) {
        expect(
          (await post(signed(click('U0ANA'), { secret: `guess-${i}` }))).status,
        ).toBe(401);
      }
      const audit = await request(server)
        .get('/api/cloudops/audit')
        .query({ limit: 100 });
      const refused = audit.body.items.filter(
        (a: any) => a.action === 'slack-interaction',
      );
      expect(
        refused.map((a: any) => [a.outcome, a.meta.reason, a.meta.rejected]),
      ).toEqual([['failed', 'signature does not match', 1]]);

      // A Slack member with no catalog user, one whose policy says no, and
      // Ana clicking in a workspace that is not in cloudops.slack.teamIds.
      const nobody = await answer(signed(click('U0NOBODY')));
      expect(nobody).toMatchObject({ response_type: 'ephemeral' });
      expect(nobody.text).toMatch(
        /not a Backstage user.*portal: http:\/\/portal.test\/catalog\/default\/component\/checkout\/incidents/,
      );
      expect((await answer(signed(click('U0BEN')))).text).toMatch(
        /Missing permission cloudops.remediation.approve/,
      );
      expect(
        (
          await answer(
            signed(click('U0ANA', 'cloudops_approve', requestId, 'T9')),
          )
        ).text,
      ).toMatch(/workspace T9, which is not in cloudops.slack.teamIds/);
      expect(executed).toEqual([]);

      // Ana maps to a catalog user the policy allows: her click counts.
      const approved = await answer(signed(click('U0ANA')));
      expect(approved).toMatchObject({ response_type: 'in_channel' });
      expect(approved.text).toMatch(
        /user:default\/ana.silva\) approved ssm RestartCheckoutPods — 1\/1/,
      );
      await until(() => executed.length === 1);
      // The cloudops plugin asked the auth backend with its own service token.
      expect(
        authBackend.calls.find(c => c.user === 'U0ANA')?.authorization,
      ).toMatch(/^Bearer /);

      const remediation = await request(server).get(
        `/api/cloudops/remediations/${requestId}`,
      );
      expect(remediation.body.decisions).toEqual([
        expect.objectContaining({
          actor: 'user:default/ana.silva',
          via: 'slack',
          decision: 'approve',
        }),
      ]);
      const decisions = (
        await request(server).get('/api/cloudops/audit').query({ limit: 100 })
      ).body.items
        .filter((a: any) => a.action === 'remediation-decision')
        .map((a: any) => [a.actor, a.outcome]);
      expect(decisions).toEqual(
        expect.arrayContaining([
          ['user:default/ana.silva', 'succeeded'],
          ['user:default/ben.okafor', 'failed'],
          ['slack:U0NOBODY', 'failed'],
          ['slack:U0ANA', 'failed'],
        ]),
      );

      // Explain shows the evidence only to members allowed to read incidents.
      const explain = (user: string) =>
        answer(signed(click(user, 'cloudops_explain', incidentId)));
      expect([await explain('U0BEN'), await explain('U0NOBODY')]).toEqual([
        {
          replace_original: false,
          response_type: 'ephemeral',
          text: ':no_entry: The explanation was not shown: Missing permission cloudops.incident.read.',
        },
        {
          replace_original: false,
          response_type: 'ephemeral',
          text: expect.stringMatching(
            /^:no_entry: The explanation was not shown: Slack user U0NOBODY is not a Backstage user/,
          ),
        },
      ]);
      const explanation = await explain('U0ANA');
      expect(explanation).toMatchObject({
        response_type: 'in_channel',
        text: expect.stringMatching(/^Why: /),
      });
      expect(JSON.stringify(explanation.blocks)).toContain('Evidence');
      // Cara has no slack.com/bot-notify annotation: signInByEmail maps her
      // by her confirmed Slack email.
      slack.users.U0CARA = {
        email: 'cara.diaz@acme.example',
        is_email_confirmed: true,
      };
      expect(await explain('U0CARA')).toMatchObject({
        response_type: 'in_channel',
      });
      // Audited once Slack took the explanation.
      const explained = await until(async () => {
        const items = (
          await request(server).get('/api/cloudops/audit').query({ limit: 100 })
        ).body.items
          .filter((a: any) => a.action === 'incident-explain')
          .map((a: any) => [a.actor, a.target, a.outcome, a.meta.slackUser]);
        return items.length === 4 && items;
      });
      expect(explained).toEqual([
        ['user:default/cara.diaz', incidentId, 'succeeded', 'U0CARA'],
        ['user:default/ana.silva', incidentId, 'succeeded', 'U0ANA'],
        ['slack:U0NOBODY', incidentId, 'failed', 'U0NOBODY'],
        ['user:default/ben.okafor', incidentId, 'failed', 'U0BEN'],
      ]);
    } finally {
      await Promise.all([slack.close(), authBackend.close()]);
    }
  });
});
