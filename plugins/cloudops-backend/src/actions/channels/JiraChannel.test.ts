import {
  eventually,
  ReceivedRequest,
  startFakeServer,
} from '../../__testUtils__/fakeHttpServer';
import { deliveryRequest } from '../../__testUtils__/deliveryRequest';
import { basicAuth } from './sendHttp';
import { JiraChannel } from './JiraChannel';

/**
 * A stateful fake of the Jira Cloud REST API v3 endpoints the channel uses:
 * JQL search (`/rest/api/3/search/jql`), create issue, comments with
 * properties, and workflow transitions (To Do → In Progress → Done).
 */
function fakeJira() {
  const issues: Array<{
    key: string;
    fields: any;
    status: string;
    comments: any[];
  }> = [];
  const workflow: Record<
    string,
    Array<{ id: string; name: string; to: string }>
  > = {
    'To Do': [
      { id: '21', name: 'Start work', to: 'In Progress' },
      { id: '31', name: 'Done', to: 'Done' },
    ],
    'In Progress': [{ id: '31', name: 'Done', to: 'Done' }],
    Done: [{ id: '41', name: 'Reopen', to: 'To Do' }],
  };
  const auth = basicAuth('bot@acme.example', 'jira-token');
  const handle = (req: ReceivedRequest) => {
    if (req.headers.authorization !== auth) {
      return {
        status: 401,
        body: { errorMessages: ['Client must be authenticated'] },
      };
    }
    const issuePath = req.path.match(
      /^\/rest\/api\/3\/issue\/([^/]+)\/(comment|transitions)$/,
    );
    if (req.method === 'GET' && req.path === '/rest/api/3/search/jql') {
      const label = /labels = "([^"]+)"/.exec(req.query.get('jql') ?? '')?.[1];
      return {
        body: {
          issues: issues
            .filter(i => i.fields.labels.includes(label))
            .map(i => ({ key: i.key })),
        },
      };
    }
    if (req.method === 'POST' && req.path === '/rest/api/3/issue') {
      const f = req.body.fields;
      if (!f?.project?.key || !f.summary || f.description?.type !== 'doc') {
        return { status: 400, body: { errors: { summary: 'required' } } };
      }
      const key = `${f.project.key}-${issues.length + 1}`;
      issues.push({ key, fields: f, status: 'To Do', comments: [] });
      return { status: 201, body: { id: String(10000 + issues.length), key } };
    }
    const issue = issuePath && issues.find(i => i.key === issuePath[1]);
    if (!issue)
      return { status: 404, body: { errorMessages: ['Issue does not exist'] } };
    if (issuePath![2] === 'comment') {
      if (req.method === 'GET') {
        return {
          body: { comments: issue.comments, total: issue.comments.length },
        };
      }
      issue.comments.push({
        id: String(issue.comments.length + 1),
        ...req.body,
      });
      return { status: 201, body: { id: String(issue.comments.length) } };
    }
    const available = workflow[issue.status];
    if (req.method === 'GET') {
      return {
        body: {
          transitions: available.map(t => ({
            id: t.id,
            name: t.name,
            to: { name: t.to },
          })),
        },
      };
    }
    const chosen = available.find(t => t.id === req.body.transition.id);
    if (!chosen)
      return {
        status: 400,
        body: { errorMessages: ['Transition is not valid'] },
      };
    issue.status = chosen.to;
    return { status: 204, body: undefined };
  };
  return { issues, handle };
}

describe('JiraChannel', () => {
  it('opens one issue per incident, comments on updates once, and transitions on resolve', async () => {
    const jira = fakeJira();
    const server = await startFakeServer(jira.handle);
    try {
      const channel = new JiraChannel({
        baseUrl: server.url,
        authorization: basicAuth('bot@acme.example', 'jira-token'),
        issueType: 'Bug',
        transitions: { resolved: 'Done', acknowledged: 'In Progress' },
      });
      const opened = await channel.deliver(
        deliveryRequest({ kind: 'ticket', target: 'OPS' }),
      );
      expect(opened.result).toEqual({
        issueKey: 'OPS-1',
        issueUrl: `${server.url}/browse/OPS-1`,
      });
      expect(jira.issues[0].fields).toMatchObject({
        project: { key: 'OPS' },
        issuetype: { name: 'Bug' },
        summary: '[CRITICAL] CrashLoopBackOff in shop/checkout-7d9',
        labels: ['cloudops', 'cloudops-6f1c2a9e-0d7b-4c1e-9a51-3b7f1e2d4c5a'],
      });
      expect(JSON.stringify(jira.issues[0].fields.description)).toContain(
        'Root cause: payments-db connection pool exhausted',
      );

      // A redelivery of the opening (crash before it was recorded) finds the issue.
      await channel.deliver(
        deliveryRequest({
          kind: 'ticket',
          target: 'OPS',
          attempt: 2,
          redelivery: true,
        }),
      );
      expect(jira.issues).toHaveLength(1);

      const ack = deliveryRequest({
        kind: 'ticket',
        target: 'OPS',
        event: 'acknowledged',
        idempotencyKey: 'cloudops-ack',
        thread: opened.result!,
      });
      await channel.deliver(ack);
      // Sent again by an operator's retry (attempt 1 again): no second comment.
      await channel.deliver({ ...ack, redelivery: true });
      expect(jira.issues[0].comments).toHaveLength(1);
      expect(jira.issues[0].status).toBe('In Progress');

      await channel.deliver(
        deliveryRequest({
          kind: 'ticket',
          event: 'resolved',
          idempotencyKey: 'cloudops-resolved',
          thread: opened.result!,
        }),
      );
      expect(jira.issues[0].status).toBe('Done');
      expect(jira.issues[0].comments).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('reports a rejected request as permanent and an outage as retryable', async () => {
    const server = await startFakeServer(() => ({
      status: 400,
      body: { errors: { project: 'valid project is required' } },
    }));
    try {
      const channel = new JiraChannel({
        baseUrl: server.url,
        authorization: 'Basic x',
        issueType: 'Task',
        transitions: {},
      });
      await expect(
        channel.deliver(deliveryRequest({ target: 'NOPE' })),
      ).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('valid project is required'),
      });
      server.answer(() => ({ status: 503, headers: { 'retry-after': '7' } }));
      await expect(
        channel.deliver(deliveryRequest({ target: 'OPS' })),
      ).rejects.toMatchObject({
        retryable: true,
        retryAfterMs: 7000,
      });
      await eventually(() => server.requests.length >= 2);
    } finally {
      await server.close();
    }
  });
});
