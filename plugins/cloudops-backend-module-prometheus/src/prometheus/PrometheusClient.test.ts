import { ServerResponse } from 'node:http';
import { Credentials } from '../config';
import {
  fakeServer as fakePrometheus,
  json,
} from '../__testUtils__/fakeServer';
import { PrometheusClient } from './PrometheusClient';

function client(url: string, credentials?: Credentials) {
  return new PrometheusClient({
    cluster: 'prod',
    server: {
      url,
      credentials,
      headers: { 'X-Scope-OrgID': 'shop' },
      timeoutMs: 2000,
    },
    limits: { maxResponseBytes: 10_000, maxSeries: 10 },
  });
}

describe('PrometheusClient', () => {
  it('sends credentials, headers and the query with its deadline', async () => {
    const seen: Array<{ auth?: string; org?: string; body: string }> = [];
    const fake = await fakePrometheus((req, body, res) => {
      seen.push({
        auth: req.headers.authorization,
        org: req.headers['x-scope-orgid'] as string,
        body,
      });
      json(res, 200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            {
              metric: { __name__: 'up', job: 'a' },
              value: [1700000000.5, '1'],
            },
            { metric: { job: 'b' }, value: [1700000000.5, 'NaN'] },
          ],
        },
      });
    });
    try {
      const result = await client(fake.url, {
        type: 'bearer',
        token: 'abc',
      }).query({
        query: 'up',
        time: 1_700_000_000_500,
      });
      expect(result).toEqual([
        {
          name: 'up',
          labels: { job: 'a' },
          points: [{ timestamp: 1_700_000_000_500, value: 1 }],
        },
        { name: undefined, labels: { job: 'b' }, points: [] },
      ]);
      await client(fake.url, {
        type: 'basic',
        username: 'u',
        password: 'p',
      }).query({ query: 'up' });
      expect(seen[0]).toEqual({
        auth: 'Bearer abc',
        org: 'shop',
        body: 'query=up&timeout=2&time=1700000000.5',
      });
      expect(seen[1].auth).toBe(
        `Basic ${Buffer.from('u:p').toString('base64')}`,
      );
    } finally {
      await fake.close();
    }
  });

  it.each([
    [
      'refused credentials',
      (res: ServerResponse) => json(res, 401, { status: 'error' }),
      {
        reason: 'unauthorized',
        message: /answered 401 Unauthorized: check the configured credentials/,
      },
    ],
    [
      "Prometheus' own query timeout",
      (res: ServerResponse) =>
        json(res, 503, {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        }),
      {
        reason: 'rejected',
        message: /rejected the query "up": timeout: query timed out/,
      },
    ],
    [
      'an overloaded server',
      (res: ServerResponse) =>
        json(res, 503, {
          status: 'error',
          errorType: 'unavailable',
          error: 'too many queries',
        }),
      {
        reason: 'server',
        message: /failed the query "up": unavailable: too many queries/,
      },
    ],
    [
      'a proxy error page',
      (res: ServerResponse) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>Bad Gateway</html>');
      },
      {
        reason: 'server',
        message: /answered 502 with a body that is not JSON: <html>Bad Gateway/,
      },
    ],
    [
      'too many series',
      (res: ServerResponse) =>
        json(res, 200, {
          status: 'success',
          data: {
            resultType: 'vector',
            result: Array.from({ length: 11 }, (_, i) => ({
              metric: { i: String(i) },
              value: [1, '1'],
            })),
          },
        }),
      {
        reason: 'too-large',
        message: /returned 11 series for "up", more than the 10 allowed/,
      },
    ],
    [
      'a string instead of series',
      (res: ServerResponse) =>
        json(res, 200, {
          status: 'success',
          data: { resultType: 'string', result: [1, 'x'] },
        }),
      {
        reason: 'rejected',
        message: /returned a string for "up"; expected series/,
      },
    ],
    [
      'native histograms in a matrix',
      (res: ServerResponse) =>
        json(res, 200, {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              { metric: { job: 'a' }, values: [[1700000000, '1']] },
              {
                metric: { job: 'b' },
                histograms: [
                  [1700000000, { count: '3', sum: '1', buckets: [] }],
                ],
              },
            ],
          },
        }),
      {
        reason: 'rejected',
        message:
          /^Prometheus of cluster prod \(http:\/\/127\.0\.0\.1:\d+\) returned native histograms for "up"; CloudOps reads float samples only/,
      },
    ],
    [
      'a native histogram in a vector',
      (res: ServerResponse) =>
        json(res, 200, {
          status: 'success',
          data: {
            resultType: 'vector',
            result: [
              {
                metric: { job: 'a' },
                histogram: [1700000000, { count: '3', sum: '1' }],
              },
            ],
          },
        }),
      { reason: 'rejected', message: /returned native histograms for "up"/ },
    ],
    [
      'a success without data',
      (res: ServerResponse) => json(res, 200, { status: 'success' }),
      {
        reason: 'server',
        message:
          /^Prometheus of cluster prod \(http:\/\/127\.0\.0\.1:\d+\) answered the query "up" with something else than a Prometheus API result: no data$/,
      },
    ],
    [
      'an answer that is not a Prometheus response',
      (res: ServerResponse) => json(res, 200, null),
      { reason: 'server', message: /answered the query "up" .*: no data$/ },
    ],
    [
      'a malformed sample',
      (res: ServerResponse) =>
        json(res, 200, {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [{ metric: {}, values: [[1700000000, '1'], ['x']] }],
          },
        }),
      {
        reason: 'server',
        message:
          /answered the query "up" .*: result\[0\]\.values\[1\] is not a \[time, "value"\] sample$/,
      },
    ],
    [
      'series without values',
      (res: ServerResponse) =>
        json(res, 200, {
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: {} }] },
        }),
      {
        reason: 'server',
        message: /result\[0\]\.values is not a list$/,
      },
    ],
  ])('says what went wrong on %s', async (_, answer, expected) => {
    const fake = await fakePrometheus((_req, _body, res) => answer(res));
    try {
      await expect(
        client(fake.url).query({ query: 'up' }),
      ).rejects.toMatchObject({
        name: 'ServerError',
        reason: expected.reason,
        message: expect.stringMatching(expected.message),
      });
    } finally {
      await fake.close();
    }
  });

  it('lets the caller cancel', async () => {
    const fake = await fakePrometheus(() => {
      /* never answers */
    });
    const controller = new AbortController();
    const pending = client(fake.url).query({
      query: 'up',
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await fake.close();
  });
});
