import { createHash } from 'node:crypto';
import {
  MessageAttributeValue,
  PublishCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { CHAT_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionDeliveryRequest,
  ActionDeliveryResult,
  CloudopsActionChannel,
  deliveryDocument,
  DeliveryError,
  describeDelivery,
  headlineOf,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../clients/AwsClients';
import { asDeliveryError } from '../clients/deliveryErrors';
import { AwsModuleOptions } from '../options';
import { snsMessage } from './snsMessage';

/** The channel's id: rules say `notify: {channel: sns, target: <topic>}`. */
export const SNS_CHANNEL_ID = 'sns';

/** SNS refusals no retry can fix. */
const PERMANENT = new Set([
  'NotFoundException',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'AuthorizationErrorException',
  'KMSDisabledException',
  'KMSNotFoundException',
]);

/** SNS subjects: ASCII, no line breaks, at most 100 characters. */
function subjectOf(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .trim();
  return ascii.length > 100 ? `${ascii.slice(0, 97)}...` : ascii;
}

/** A deduplication id SNS accepts: printable ASCII, at most 128 characters. */
function deduplicationIdOf(key: string): string {
  return /^[\x21-\x7e]{1,128}$/.test(key)
    ? key
    : createHash('sha256').update(key).digest('hex');
}

function attributes(
  request: ActionDeliveryRequest,
): Record<string, MessageAttributeValue> {
  const values: Record<string, string | undefined> = {
    event: request.event,
    severity: request.incident.severity,
    incidentId: request.incident.id,
    entityRef: request.entity?.ref,
    environment: request.entity?.environment,
    owner: request.entity?.ownerRef ?? request.incident.ownerRef,
    account: request.incident.account,
  };
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => !!v)
      .map(([name, v]) => [name, { DataType: 'String', StringValue: v }]),
  );
}

/**
 * Amazon SNS (`sns`): one Publish per delivery to the target's topic (a name
 * of `cloudops.aws.sns.topics`, a topic ARN, or the team's
 * `cloudops.ai/sns-topic-arn`). The message has a text for email and SMS
 * subscribers and a JSON document for SQS, Lambda and HTTP(S) ones
 * (`MessageStructure: json`); message attributes (event, severity,
 * incidentId, entityRef, environment, owner, account) let subscriptions
 * filter. On a FIFO topic the incident is the message group and the
 * delivery's idempotency key the deduplication id, so a delivery sent again
 * within SNS's five-minute window is published once.
 */
export class SnsChannel implements CloudopsActionChannel {
  readonly id = SNS_CHANNEL_ID;
  readonly kinds = ['notify' as const];
  readonly ownerTargetAnnotation = CHAT_ANNOTATIONS.snsTopic;

  constructor(
    private readonly deps: {
      clients: AwsClients;
      options: NonNullable<AwsModuleOptions['sns']>;
    },
  ) {}

  private topicOf(target: string | undefined): string {
    const { topics, defaultTopic } = this.deps.options;
    const name = target ?? defaultTopic;
    const arn = name && (topics[name] ?? (name.startsWith('arn:') && name));
    if (!arn) {
      throw new DeliveryError(
        name
          ? `No SNS topic "${name}" in cloudops.aws.sns.topics (have: ${
              Object.keys(topics).join(', ') || 'none'
            }), and it is not a topic ARN`
          : 'No SNS topic: the rule names no target, the team has no cloudops.ai/sns-topic-arn and cloudops.aws.sns.defaultTopic is not set',
        { retryable: false },
      );
    }
    return arn;
  }

  async deliver(request: ActionDeliveryRequest): Promise<ActionDeliveryResult> {
    const topicArn = this.topicOf(request.target);
    const [, , , region, , topicName] = topicArn.split(':');
    if (!region || !topicName) {
      throw new DeliveryError(`"${topicArn}" is not an SNS topic ARN`, {
        retryable: false,
      });
    }
    const text = describeDelivery(request);
    const document = deliveryDocument(request);
    const fifo = topicName.endsWith('.fifo');
    try {
      const published = await this.deps.clients.call(
        { account: this.deps.options.accountId, region },
        SNSClient,
        client =>
          client.send(
            new PublishCommand({
              TopicArn: topicArn,
              Subject: subjectOf(headlineOf(request)),
              MessageStructure: 'json',
              Message: snsMessage({
                text,
                headline: headlineOf(request),
                document,
              }),
              MessageAttributes: attributes(request),
              ...(fifo
                ? {
                    MessageGroupId: request.incident.id,
                    MessageDeduplicationId: deduplicationIdOf(
                      request.idempotencyKey,
                    ),
                  }
                : {}),
            }),
            { abortSignal: request.signal },
          ),
        request.signal,
      );
      return {
        result: {
          snsMessageId: published.MessageId,
          snsTopicArn: topicArn,
          ...(published.SequenceNumber
            ? { snsSequenceNumber: published.SequenceNumber }
            : {}),
        },
      };
    } catch (error) {
      throw asDeliveryError('SNS', error, PERMANENT);
    }
  }
}
