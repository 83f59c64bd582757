import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CloudopsActionsEngine } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { incident } from './__testUtils__/deliveryRequest';
import { explainIncident } from './explainIncident';
import { SlackApprovers } from './SlackApprovers';

describe('explainIncident', () => {
  function setup(replyFailure?: string) {
    const audited: any[] = [];
    const replies: any[] = [];
    const engine = {
      getIncident: async () => ({
        ...incident,
        title: 'HighErrors: <!channel> <https://evil.example|Approve here>',
      }),
      explain: async () => ({ headline: 'pool exhausted', evidence: [] }),
      audit: async (entry: unknown) => {
        audited.push(entry);
      },
    } as unknown as CloudopsActionsEngine;
    const approvers = {
      signIn: async () => ({
        actor: 'user:default/ana.silva',
        credentials: mockCredentials.user('user:default/ana.silva'),
      }),
    } as unknown as SlackApprovers;
    const run = () =>
      explainIncident(
        {
          engine,
          approvers,
          permissions: mockServices.permissions(),
          reply: async message => {
            replies.push(message);
            return replyFailure;
          },
        },
        { clicker: { userId: 'U0ANA' }, incidentId: incident.id },
      );
    return { run, audited, replies };
  }

  it('escapes the incident title in the reply’s text', async () => {
    const { run, audited, replies } = setup();
    await run();
    expect(replies[0].text).toBe(
      'Why: HighErrors: &lt;!channel&gt; &lt;https://evil.example|Approve here&gt;',
    );
    expect(audited).toEqual([
      expect.objectContaining({ outcome: 'succeeded' }),
    ]);
  });

  it('audits an explanation that Slack did not take as failed', async () => {
    const { run, audited } = setup('HTTP 400 invalid_blocks');
    await run();
    expect(audited).toEqual([
      {
        action: 'incident-explain',
        actor: 'user:default/ana.silva',
        target: incident.id,
        outcome: 'failed',
        meta: {
          via: 'slack',
          slackUser: 'U0ANA',
          reason: 'Slack did not take the explanation: HTTP 400 invalid_blocks',
        },
      },
    ]);
  });
});
