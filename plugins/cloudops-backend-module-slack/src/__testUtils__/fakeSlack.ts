import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A message the fake workspace holds. */
export interface SlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: any[];
  metadata?: any;
  receivedAt: number;
}

/**
 * A local fake of the Slack Web API methods the module calls
 * (`chat.postMessage`, `chat.update`, `conversations.history`,
 * `conversations.replies`, `users.info`), of incoming webhooks
 * (`/services/…`) and of interaction `response_url`s (`/respond/…`), as
 * documented: form-encoded or JSON arguments, a bearer bot token, `{ok}`
 * answers with Slack's error codes.
 */
export async function startFakeSlack(options: { token?: string } = {}) {
  const token = options.token ?? 'xoxb-test-token';
  const messages: SlackMessage[] = [];
  const webhookPosts: any[] = [];
  const responses: any[] = [];
  /** Members by id: their email and users.info flags (`is_restricted`, …). */
  const users: Record<string, { email?: string } & Record<string, unknown>> =
    {};
  let failNext:
    | { error?: string; status?: number; retryAfter?: number }
    | undefined;
  let seq = 0;

  /** The answer of a Web API method, as Slack documents it. */
  const webApi = (method: string, args: Record<string, any>): object => {
    switch (method) {
      case 'chat.postMessage': {
        if (!args.channel) return { ok: false, error: 'channel_not_found' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        if (args.thread_ts && !messages.some(m => m.ts === args.thread_ts)) {
          return { ok: false, error: 'thread_not_found' };
        }
        const message: SlackMessage = {
          channel: args.channel,
          ts: `1700000000.${String(++seq).padStart(6, '0')}`,
          thread_ts: args.thread_ts,
          text: args.text,
          blocks: args.blocks ?? [],
          metadata: args.metadata,
          receivedAt: Date.now(),
        };
        messages.push(message);
        return {
          ok: true,
          channel: args.channel,
          ts: message.ts,
          message,
        };
      }
      case 'chat.update': {
        const message = messages.find(
          m => m.channel === args.channel && m.ts === args.ts,
        );
        if (!message) return { ok: false, error: 'message_not_found' };
        Object.assign(message, {
          text: args.text,
          blocks: args.blocks ?? message.blocks,
        });
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'conversations.history':
        return {
          ok: true,
          messages: messages
            .filter(m => m.channel === args.channel && !m.thread_ts)
            .reverse(),
        };
      case 'conversations.replies':
        return {
          ok: true,
          messages: messages.filter(
            m =>
              m.channel === args.channel &&
              (m.ts === args.ts || m.thread_ts === args.ts),
          ),
        };
      case 'users.info': {
        if (!users[args.user]) return { ok: false, error: 'user_not_found' };
        const { email, ...flags } = users[args.user];
        return {
          ok: true,
          user: { id: args.user, ...flags, profile: { email } },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = (
        status: number,
        body: unknown,
        headers: Record<string, string> = {},
      ) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          ...headers,
        });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (url.pathname.startsWith('/services/')) {
        webhookPosts.push({
          path: url.pathname,
          body: JSON.parse(text),
          receivedAt: Date.now(),
        });
        reply(200, 'ok');
        return;
      }
      if (url.pathname.startsWith('/respond/')) {
        responses.push({ path: url.pathname, body: JSON.parse(text) });
        reply(200, { ok: true });
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const args: Record<string, any> = req.headers['content-type']?.includes(
        'json',
      )
        ? JSON.parse(text || '{}')
        : Object.fromEntries(new URLSearchParams(text));
      for (const key of ['blocks', 'metadata']) {
        if (typeof args[key] === 'string') args[key] = JSON.parse(args[key]);
      }
      if (req.headers.authorization !== `Bearer ${token}`) {
        reply(200, { ok: false, error: 'invalid_auth' });
        return;
      }
      if (failNext) {
        const failure = failNext;
        failNext = undefined;
        if (failure.retryAfter) {
          reply(
            429,
            { ok: false, error: 'ratelimited' },
            { 'retry-after': String(failure.retryAfter) },
          );
        } else if (failure.status) {
          reply(failure.status, 'upstream error');
        } else {
          reply(200, { ok: false, error: failure.error });
        }
        return;
      }
      reply(200, webApi(method, args));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    token,
    messages,
    webhookPosts,
    responses,
    users,
    /** Makes the next Web API call fail. */
    failNext(failure: {
      error?: string;
      status?: number;
      retryAfter?: number;
    }) {
      failNext = failure;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
