import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A request a fake server received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The raw body. */
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  body: any;
  receivedAt: number;
}

/** What a handler answers. */
export interface FakeResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (a hung receiver); the connection is closed at `close()`. */
  hang?: boolean;
}

/**
 * A local HTTP server for channel tests: records every request and answers
 * with what `handle` returns (200 `{}` by default). Binds 127.0.0.1 on a
 * free port.
 */
export async function startFakeServer(
  handle: (
    req: ReceivedRequest,
  ) => FakeResponse | Promise<FakeResponse> = () => ({}),
) {
  const requests: ReceivedRequest[] = [];
  let handler = handle;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      const received: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        text,
        body,
        receivedAt: Date.now(),
      };
      requests.push(received);
      try {
        const answer = await handler(received);
        if (answer.hang) return;
        res.writeHead(answer.status ?? 200, {
          'content-type': 'application/json',
          ...answer.headers,
        });
        res.end(answer.body === undefined ? '{}' : JSON.stringify(answer.body));
      } catch (error) {
        res.writeHead(500);
        res.end(String(error));
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Replaces the handler. */
    answer(next: typeof handle) {
      handler = next;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `check` holds, polling; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise(r => setTimeout(r, 25));
  }
}
