import crypto from 'node:crypto';
import { verifySlackRequest } from './verifySlackRequest';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&payload=%7B%7D';
const sign = (ts: string, b = body, key = secret) =>
  `v0=${crypto
    .createHmac('sha256', key)
    .update(`v0:${ts}:${b}`)
    .digest('hex')}`;

describe('verifySlackRequest', () => {
  const now = 1_700_000_000;
  const ts = String(now - 10);

  it('accepts a request signed with the signing secret within five minutes', () => {
    expect(
      verifySlackRequest({
        signingSecret: secret,
        timestamp: ts,
        signature: sign(ts),
        body,
        nowSeconds: now,
      }),
    ).toBeUndefined();
  });

  it('refuses forged, tampered, replayed and unsigned requests', () => {
    const check = (over: Partial<Parameters<typeof verifySlackRequest>[0]>) =>
      verifySlackRequest({
        signingSecret: secret,
        timestamp: ts,
        signature: sign(ts),
        body,
        nowSeconds: now,
        ...over,
      });
    expect(check({ signature: sign(ts, body, 'not-the-secret') })).toBe(
      'signature does not match',
    );
    expect(check({ body: `${body}&x=1` })).toBe('signature does not match');
    expect(check({ signature: 'v0=abc' })).toBe('signature does not match');
    const old = String(now - 301);
    expect(check({ timestamp: old, signature: sign(old) })).toMatch(
      /outside the 300 s window/,
    );
    const future = String(now + 301);
    expect(check({ timestamp: future, signature: sign(future) })).toMatch(
      /outside/,
    );
    expect(check({ signature: undefined })).toMatch(/missing/);
    expect(check({ timestamp: 'yesterday' })).toMatch(/missing/);
  });
});
