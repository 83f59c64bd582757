import crypto from 'node:crypto';

/** The signing secret the tests' Slack app signs with. */
export const SIGNING_SECRET = 'slack-signing-secret';

/** An interaction payload as Slack posts it: form-encoded, signed, timestamped. */
export function signed(
  payload: object,
  options: { secret?: string; at?: number } = {},
) {
  const body = new URLSearchParams({
    payload: JSON.stringify(payload),
  }).toString();
  const ts = String(options.at ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${crypto
    .createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex')}`;
  return { body, ts, signature };
}
