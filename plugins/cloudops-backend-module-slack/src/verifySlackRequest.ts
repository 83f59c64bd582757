import crypto from 'node:crypto';

/** How old a signed request may be (Slack's own advice: five minutes). */
export const REPLAY_WINDOW_SECONDS = 300;

/**
 * Checks a request from Slack: `X-Slack-Signature` must be `v0=` and the
 * hex HMAC-SHA256, keyed with the app's signing secret, of
 * `v0:<X-Slack-Request-Timestamp>:<raw body>`, and the timestamp within
 * five minutes of now. Returns why it fails, or undefined when it is good.
 */
export function verifySlackRequest(options: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  nowSeconds?: number;
}): string | undefined {
  const { timestamp, signature } = options;
  if (!timestamp || !/^\d+$/.test(timestamp) || !signature) {
    return 'missing X-Slack-Request-Timestamp or X-Slack-Signature';
  }
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
    return `timestamp ${timestamp} is outside the ${REPLAY_WINDOW_SECONDS} s window (replayed or clock skew)`;
  }
  const expected = `v0=${crypto
    .createHmac('sha256', options.signingSecret)
    .update(`v0:${timestamp}:${options.body}`)
    .digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    return 'signature does not match';
  }
  return undefined;
}
