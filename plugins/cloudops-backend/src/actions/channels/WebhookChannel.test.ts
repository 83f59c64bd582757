import crypto from 'node:crypto';
import { startFakeServer } from '../../__testUtils__/fakeHttpServer';
import { deliveryRequest } from '../../__testUtils__/deliveryRequest';
import { WebhookChannel } from './WebhookChannel';

describe('WebhookChannel', () => {
  it('posts the delivery signed with HMAC-SHA256 over timestamp and body, with its idempotency key', async () => {
    const server = await startFakeServer();
    try {
      const channel = new WebhookChannel(
        new Map([
          ['ops', { url: `${server.url}/hooks/cloudops`, secret: 's3cret' }],
        ]),
      );
      await channel.deliver(deliveryRequest({ target: 'ops' }));
      const [req] = server.requests;
      const expected = crypto
        .createHmac('sha256', 's3cret')
        .update(`${req.headers['x-cloudops-timestamp']}.${req.text}`)
        .digest('hex');
      expect(req.headers['x-cloudops-signature']).toBe(`sha256=${expected}`);
      expect(req.headers['idempotency-key']).toBe(
        'cloudops-a3c9d2e1-5b4f-4e6a-8c7d-9e0f1a2b3c4d',
      );
      expect(
        Math.abs(
          Number(req.headers['x-cloudops-timestamp']) * 1000 - Date.now(),
        ),
      ).toBeLessThan(5000);
      expect(req.body).toMatchObject({
        event: 'opened',
        summary: '[CRITICAL] CrashLoopBackOff in shop/checkout-7d9',
        incident: { id: '6f1c2a9e-0d7b-4c1e-9a51-3b7f1e2d4c5a' },
        rca: { headline: 'payments-db connection pool exhausted' },
      });
      await expect(
        channel.deliver(deliveryRequest({ target: 'nope' })),
      ).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('No webhook "nope"'),
      });
    } finally {
      await server.close();
    }
  });
});
