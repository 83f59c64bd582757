import { CloudopsActionsEngine } from '@cloudops-ai/backstage-plugin-cloudops-node';
import {
  incident,
  remediation,
  request,
} from './__testUtils__/deliveryRequest';
import { startFakeSlack } from './__testUtils__/fakeSlack';
import { SlackChannel } from './SlackChannel';

describe('SlackChannel', () => {
  it('with a bot token opens a thread per incident, replies in it, keeps the first message current, and does not post a redelivery twice', async () => {
    const slack = await startFakeSlack();
    try {
      const channel = new SlackChannel({
        botToken: slack.token,
        apiUrl: slack.apiUrl,
        webhooks: new Map(),
      });
      const opened = await channel.deliver(request());
      expect(opened.result).toEqual({
        channel: '#team-checkout',
        ts: slack.messages[0].ts,
      });
      const [root] = slack.messages;
      expect(root.text).toBe(
        ':red_circle: CRITICAL: CrashLoopBackOff in shop/checkout-7d9',
      );
      expect(root.metadata).toEqual({
        event_type: 'cloudops_delivery',
        event_payload: {
          idempotency_key: 'cloudops-d1',
          incident_id: incident.id,
        },
      });
      const blockTypes = root.blocks.map((b: any) => b.type);
      expect(blockTypes).toEqual(['header', 'section', 'section', 'actions']);
      expect(JSON.stringify(root.blocks)).toContain(
        '*Root cause:* payments-db connection pool exhausted',
      );
      const buttons = root.blocks[3].elements.map((e: any) => e.action_id);
      expect(buttons).toEqual(['cloudops_explain', 'cloudops_view']);
      expect(root.blocks[3].elements[1].url).toBe(
        'http://portal.test/incidents/6f1c',
      );

      // A crash after Slack took the message: the redelivery finds it by its key.
      expect(
        (await channel.deliver(request({ attempt: 2, redelivery: true })))
          .result,
      ).toEqual(opened.result);
      expect(slack.messages).toHaveLength(1);

      const resolved = request({
        id: 'd2',
        idempotencyKey: 'cloudops-d2',
        event: 'resolved',
        incident: { ...incident, state: 'resolved' },
        thread: opened.result!,
      });
      await channel.deliver(resolved);
      // Sent again by an operator's retry, whose first attempt is 1 again.
      await channel.deliver({ ...resolved, redelivery: true });
      expect(slack.messages).toHaveLength(2);
      expect(slack.messages[1]).toMatchObject({
        thread_ts: root.ts,
        text: ':red_circle: Resolved: CrashLoopBackOff in shop/checkout-7d9',
      });
      expect(JSON.stringify(slack.messages[0].blocks)).toContain(
        '*State*\\nresolved',
      );
    } finally {
      await slack.close();
    }
  });

  it('puts Approve and Reject on approval requests', async () => {
    const slack = await startFakeSlack();
    try {
      const channel = new SlackChannel({
        botToken: slack.token,
        apiUrl: slack.apiUrl,
        webhooks: new Map(),
      });
      await channel.deliver(
        request({
          event: 'approval-requested',
          remediation: remediation({
            policy: {
              approvalsRequired: 2,
              reasons: ['critical in production needs 2 approver(s)'],
              targets: ['i-1'],
            },
          }),
        }),
      );
      const actions = slack.messages[0].blocks.find(
        (b: any) => b.type === 'actions',
      );
      expect(
        actions.elements.map((e: any) => [e.action_id, e.value ?? e.url]),
      ).toEqual([
        ['cloudops_approve', 'r1'],
        ['cloudops_reject', 'r1'],
        ['cloudops_explain', incident.id],
        ['cloudops_view', 'http://portal.test/incidents/6f1c'],
      ]);
      expect(JSON.stringify(slack.messages[0].blocks)).toContain(
        'Approvals: 0/2',
      );
    } finally {
      await slack.close();
    }
  });

  it('tells permanent Slack errors from retryable ones', async () => {
    const slack = await startFakeSlack();
    try {
      const channel = new SlackChannel({
        botToken: slack.token,
        apiUrl: slack.apiUrl,
        webhooks: new Map(),
      });
      slack.failNext({ error: 'channel_not_found' });
      await expect(channel.deliver(request())).rejects.toMatchObject({
        retryable: false,
        message: 'Slack: channel_not_found',
      });
      slack.failNext({ retryAfter: 30 });
      await expect(channel.deliver(request())).rejects.toMatchObject({
        retryable: true,
        retryAfterMs: 30_000,
      });
      slack.failNext({ status: 503 });
      await expect(channel.deliver(request())).rejects.toMatchObject({
        retryable: true,
      });
      const wrong = new SlackChannel({
        botToken: 'xoxb-wrong',
        apiUrl: slack.apiUrl,
        webhooks: new Map(),
      });
      await expect(wrong.deliver(request())).rejects.toMatchObject({
        retryable: false,
        message: 'Slack: invalid_auth',
      });
      const nowhere = new SlackChannel({
        botToken: slack.token,
        apiUrl: slack.apiUrl,
        webhooks: new Map(),
      });
      await expect(
        nowhere.deliver(request({ target: undefined })),
      ).rejects.toMatchObject({ retryable: false });
    } finally {
      await slack.close();
    }
  });

  it('with an incoming webhook posts Block Kit to the webhook', async () => {
    const slack = await startFakeSlack();
    try {
      const channel = new SlackChannel({
        webhookUrl: `${slack.url}/services/T0/B0/default`,
        webhooks: new Map([['#noc', `${slack.url}/services/T0/B1/noc`]]),
      });
      await channel.deliver(request({ target: undefined }));
      await channel.deliver(request({ target: '#noc' }));
      expect(slack.webhookPosts.map(p => p.path)).toEqual([
        '/services/T0/B0/default',
        '/services/T0/B1/noc',
      ]);
      expect(slack.webhookPosts[0].body.blocks[0]).toMatchObject({
        type: 'header',
      });
    } finally {
      await slack.close();
    }
  });

  it('keeps Approve and Reject on the thread’s first message while the approval it asked for is pending', async () => {
    const slack = await startFakeSlack();
    try {
      const channel = new SlackChannel({
        botToken: slack.token,
        apiUrl: slack.apiUrl,
        webhooks: new Map(),
      });
      let current = remediation();
      channel.connect({
        getRemediation: async (id: string) =>
          id === current.id ? current : undefined,
      } as unknown as CloudopsActionsEngine);
      const asked = await channel.deliver(
        request({ event: 'approval-requested', remediation: current }),
      );
      expect(asked.result).toMatchObject({ approvalRequestId: 'r1' });
      const buttonsOfFirst = () =>
        slack.messages[0].blocks
          .find((b: any) => b.type === 'actions')
          .elements.map((e: any) => e.action_id);

      await channel.deliver(
        request({
          id: 'd2',
          idempotencyKey: 'cloudops-d2',
          event: 'acknowledged',
          incident: { ...incident, state: 'acknowledged' },
          thread: asked.result!,
        }),
      );
      expect(buttonsOfFirst()).toEqual([
        'cloudops_approve',
        'cloudops_reject',
        'cloudops_explain',
        'cloudops_view',
      ]);
      expect(slack.messages[0].text).toBe(
        ':red_circle: Approval needed: ssm RestartCheckoutPods',
      );
      expect(JSON.stringify(slack.messages[0].blocks)).toContain(
        '*State*\\nacknowledged',
      );

      current = remediation({ state: 'executing' });
      await channel.deliver(
        request({
          id: 'd3',
          idempotencyKey: 'cloudops-d3',
          event: 'remediation-updated',
          remediation: current,
          thread: asked.result!,
        }),
      );
      expect(buttonsOfFirst()).toEqual(['cloudops_explain', 'cloudops_view']);
    } finally {
      await slack.close();
    }
  });
});
