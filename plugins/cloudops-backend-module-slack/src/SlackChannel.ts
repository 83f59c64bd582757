import { Config } from '@backstage/config';
import { CHAT_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionDeliveryRequest,
  ActionDeliveryResult,
  CloudopsActionChannel,
  CloudopsActionsEngine,
  DeliveryError,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ErrorCode, WebClient } from '@slack/web-api';
import { fallbackText, incidentBlocks } from './blocks';
import { threadRootRequest, threadRootResult } from './threadRoot';

/** Slack API errors that no retry fixes. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'invalid_blocks',
  'msg_too_long',
  'no_text',
  'restricted_action',
]);

/** The metadata event type that carries a delivery's idempotency key. */
const METADATA_EVENT = 'cloudops_delivery';

/** How a failed Slack call is retried. */
export function toDeliveryError(error: any): DeliveryError {
  switch (error?.code) {
    case ErrorCode.PlatformError: {
      const code = String(error.data?.error);
      return new DeliveryError(`Slack: ${code}`, {
        retryable: !PERMANENT.has(code),
      });
    }
    case ErrorCode.RateLimitedError:
      return new DeliveryError('Slack: rate limited', {
        retryAfterMs: error.retryAfter * 1000,
      });
    case ErrorCode.HTTPError:
      return new DeliveryError(`Slack: HTTP ${error.statusCode}`, {
        retryable: error.statusCode >= 500 || error.statusCode === 429,
      });
    default:
      return new DeliveryError(`Slack: ${error?.message ?? error}`);
  }
}

/** The Slack side of the module: where messages go and how. */
export interface SlackChannelOptions {
  /** Bot mode: a bot token (xoxb-) for chat.postMessage, threads and updates. */
  botToken?: string;
  /** Webhook mode: an incoming webhook URL; `webhooks` names more by target. */
  webhookUrl?: string;
  webhooks: Map<string, string>;
  /** Where messages go when neither the rule nor the owning team names a channel. */
  defaultChannel?: string;
  /** The Web API's base URL (for tests: a local fake). */
  apiUrl?: string;
}

/**
 * Incident messages in Slack. With a bot token, an incident's first message
 * opens a thread, later ones (acknowledged, resolved, approvals, remediation
 * outcomes) are replies in it and the first message is updated to the
 * latest state (keeping Approve and Reject while the approval it asked for
 * is pending); a redelivery first looks for its idempotency key in the
 * messages' metadata, so it is not posted twice. With an incoming webhook,
 * each delivery is a message in the webhook's channel (Slack keeps no key
 * there: a redelivery after a crash can repeat a message).
 */
export class SlackChannel implements CloudopsActionChannel {
  readonly id = 'slack';
  readonly kinds = ['notify' as const];
  readonly ownerTargetAnnotation = CHAT_ANNOTATIONS.slackChannel;
  readonly concurrency = 8;
  private readonly client?: WebClient;

  static fromConfig(config: Config): SlackChannel | undefined {
    const slack = config.getOptionalConfig('cloudops.slack');
    if (!slack) return undefined;
    const webhooks = new Map<string, string>();
    const named = slack.getOptionalConfig('webhooks');
    for (const key of named?.keys() ?? [])
      webhooks.set(key, named!.getString(key));
    const options: SlackChannelOptions = {
      botToken: slack.getOptionalString('botToken'),
      webhookUrl: slack.getOptionalString('webhookUrl'),
      webhooks,
      defaultChannel: slack.getOptionalString('defaultChannel'),
      apiUrl: slack.getOptionalString('apiUrl'),
    };
    if (!options.botToken && !options.webhookUrl && webhooks.size === 0) {
      throw new Error(
        'cloudops.slack needs a botToken, a webhookUrl or webhooks to send messages',
      );
    }
    return new SlackChannel(options);
  }

  constructor(private readonly options: SlackChannelOptions) {
    if (options.botToken) {
      this.client = new WebClient(options.botToken, {
        slackApiUrl: options.apiUrl ?? 'https://slack.com/api/',
        // The outbox retries, with backoff and dead letters.
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      });
    }
  }

  /** The Web API client, for the interactions (user lookups). */
  get webClient(): WebClient | undefined {
    return this.client;
  }

  /** The engine, once the plugin has started (for the interactions). */
  engine?: CloudopsActionsEngine;

  connect(engine: CloudopsActionsEngine): void {
    this.engine = engine;
  }

  async deliver(request: ActionDeliveryRequest): Promise<ActionDeliveryResult> {
    const webhook =
      (request.target && this.options.webhooks.get(request.target)) ??
      (this.client ? undefined : this.options.webhookUrl);
    if (webhook) return this.viaWebhook(webhook, request);
    if (!this.client) {
      throw new DeliveryError(
        `No Slack webhook for target "${request.target}" and no bot token`,
        { retryable: false },
      );
    }
    const channel = request.target ?? this.options.defaultChannel;
    if (!channel) {
      throw new DeliveryError(
        'No Slack channel: the rule names none, the owning team has no slack.com/channel annotation and cloudops.slack.defaultChannel is not set',
        { retryable: false },
      );
    }
    try {
      return await this.viaBot(this.client, channel, request);
    } catch (error) {
      throw error instanceof DeliveryError ? error : toDeliveryError(error);
    }
  }

  private async viaBot(
    client: WebClient,
    channel: string,
    request: ActionDeliveryRequest,
  ): Promise<ActionDeliveryResult> {
    const root = request.thread as { channel?: string; ts?: string };
    const inThread = !!root.ts && !!root.channel;
    const message = {
      text: fallbackText(request),
      blocks: incidentBlocks(request) as any[],
      metadata: {
        event_type: METADATA_EVENT,
        event_payload: {
          idempotency_key: request.idempotencyKey,
          incident_id: request.incident.id,
        },
      },
    };
    const posted = request.redelivery
      ? await this.findPosted(
          client,
          inThread ? root.channel! : channel,
          request,
          root.ts,
        )
      : undefined;
    let ts = posted;
    let postedChannel = inThread ? root.channel! : channel;
    if (!ts) {
      const result = await client.chat.postMessage({
        channel: postedChannel,
        ...message,
        ...(inThread ? { thread_ts: root.ts } : {}),
        unfurl_links: false,
      });
      ts = result.ts!;
      postedChannel = result.channel ?? postedChannel;
    }
    if (inThread) {
      // The thread's first message shows the incident as it is now.
      const first = await threadRootRequest(request, this.engine);
      await client.chat.update({
        channel: root.channel!,
        ts: root.ts!,
        text: fallbackText(first),
        blocks: incidentBlocks(first) as any[],
      });
      return { result: {} };
    }
    return {
      result: { channel: postedChannel, ts, ...threadRootResult(request) },
    };
  }

  /** The ts of a message this delivery already posted, if a crash hid it. */
  private async findPosted(
    client: WebClient,
    channel: string,
    request: ActionDeliveryRequest,
    threadTs?: string,
  ): Promise<string | undefined> {
    const oldest = String(Date.parse(request.incident.createdAt) / 1000 - 60);
    const found = threadTs
      ? await client.conversations.replies({
          channel,
          ts: threadTs,
          include_all_metadata: true,
          limit: 200,
        })
      : await client.conversations.history({
          channel,
          oldest,
          include_all_metadata: true,
          limit: 200,
        });
    return found.messages?.find(
      m =>
        (m.metadata as any)?.event_type === METADATA_EVENT &&
        (m.metadata as any)?.event_payload?.idempotency_key ===
          request.idempotencyKey,
    )?.ts;
  }

  private async viaWebhook(
    url: string,
    request: ActionDeliveryRequest,
  ): Promise<ActionDeliveryResult> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          text: fallbackText(request),
          blocks: incidentBlocks(request),
        }),
        signal: request.signal,
      });
    } catch (error) {
      throw new DeliveryError(`Slack webhook: ${(error as Error).message}`);
    }
    if (!response.ok) {
      const text = await response.text();
      throw new DeliveryError(
        `Slack webhook: HTTP ${response.status} ${text.slice(0, 200)}`,
        {
          retryable: response.status >= 500 || response.status === 429,
        },
      );
    }
    return { result: {} };
  }
}
