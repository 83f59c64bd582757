import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials } from '@backstage/backend-test-utils';

/**
 * Stands in for the auth backend's cloudops-slack provider (authModule.test
 * runs the real one): signs in the catalog user that `members` maps a Slack
 * member id or email to (as the provider's resolver would), and answers
 * `404 NotFoundError` for anyone else, as the real one does (in Backstage's
 * error body).
 */
export async function startFakeAuth(members: Record<string, string>) {
  const calls: Array<{
    user?: string;
    email?: string;
    authorization?: string;
  }> = [];
  let failNext: { status: number; name: string; message: string } | undefined;
  const server = http.createServer((req, res) => {
    const user = req.headers['x-cloudops-slack-user'] as string | undefined;
    const email = req.headers['x-cloudops-slack-email'] as string | undefined;
    calls.push({ user, email, authorization: req.headers.authorization });
    const ref = (user && members[user]) || (email && members[email]);
    const failure =
      failNext ??
      (!req.url?.startsWith('/api/auth/cloudops-slack/refresh') || !ref
        ? { status: 404, name: 'NotFoundError', message: 'User not found' }
        : undefined);
    failNext = undefined;
    res.writeHead(failure?.status ?? 200, {
      'content-type': 'application/json',
    });
    res.end(
      JSON.stringify(
        failure
          ? {
              error: { name: failure.name, message: failure.message },
              request: { method: req.method, url: req.url },
              response: { statusCode: failure.status },
            }
          : { backstageIdentity: { token: mockCredentials.user.token(ref!) } },
      ),
    );
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** Makes the next request fail with this status and error. */
    failNext(failure: { status: number; name: string; message: string }) {
      failNext = failure;
    },
    close: () => new Promise<void>(r => server.close(() => r())),
  };
}
