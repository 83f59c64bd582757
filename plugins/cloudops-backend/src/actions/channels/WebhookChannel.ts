import crypto from 'node:crypto';
import { Config } from '@backstage/config';
import {
  ActionDeliveryRequest,
  CloudopsActionChannel,
  deliveryDocument,
  DeliveryError,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { sendHttp } from './sendHttp';

/**
 * The signature of a webhook body: hex HMAC-SHA256, keyed with the
 * webhook's secret, of `<timestamp>.<body>`.
 */
export function webhookSignature(
  secret: string,
  timestamp: string,
  body: string,
): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`${timestamp}.${body}`)
    .digest('hex');
}

interface Webhook {
  url: string;
  secret: string;
}

/**
 * Generic webhooks (`cloudops.actions.webhooks.<name>`): a JSON POST per
 * delivery, signed (`X-CloudOps-Signature: sha256=<hex>` over
 * `<X-CloudOps-Timestamp>.<body>`) and carrying `Idempotency-Key`, the same
 * on every attempt of a delivery. The target is the webhook's name
 * (`default` when absent).
 */
export class WebhookChannel implements CloudopsActionChannel {
  readonly id = 'webhook';
  readonly kinds = ['notify' as const];

  static fromConfig(config: Config): WebhookChannel | undefined {
    const hooks = config.getOptionalConfig('cloudops.actions.webhooks');
    if (!hooks) return undefined;
    const webhooks = new Map<string, Webhook>();
    for (const name of hooks.keys()) {
      webhooks.set(name, {
        url: hooks.getString(`${name}.url`),
        secret: hooks.getString(`${name}.secret`),
      });
    }
    return new WebhookChannel(webhooks);
  }

  constructor(private readonly webhooks: Map<string, Webhook>) {}

  async deliver(request: ActionDeliveryRequest) {
    const name = request.target ?? 'default';
    const hook = this.webhooks.get(name);
    if (!hook) {
      throw new DeliveryError(
        `No webhook "${name}" in cloudops.actions.webhooks (have: ${[
          ...this.webhooks.keys(),
        ].join(', ')})`,
        { retryable: false },
      );
    }
    const body = deliveryDocument(request);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await sendHttp(`webhook ${name}`, hook.url, {
      method: 'POST',
      rawBody: body,
      headers: {
        'idempotency-key': request.idempotencyKey,
        'x-cloudops-timestamp': timestamp,
        'x-cloudops-signature': `sha256=${webhookSignature(
          hook.secret,
          timestamp,
          body,
        )}`,
      },
      signal: request.signal,
    });
    return { result: { webhookStatus: response.status } };
  }
}
