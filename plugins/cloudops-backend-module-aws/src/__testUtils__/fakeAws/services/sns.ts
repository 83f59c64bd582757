import { randomUUID } from 'node:crypto';
import { invalid, required } from '../AwsFault';
import { awsQueryService, members } from '../protocols/awsQuery';

/** A message published to a topic. */
export interface FakeSnsMessage {
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  MessageStructure?: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  SequenceNumber?: string;
  attributes: Record<string, string>;
}

interface FakeTopic {
  fifo: boolean;
  contentBasedDeduplication: boolean;
}

/** How long a FIFO topic remembers deduplication ids. */
const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;
const ATTRIBUTE_TYPE = /^(String|Number|Binary|String\.Array)(\..+)?$/;

function parameterError(message: string) {
  return invalid('InvalidParameter', `Invalid parameter: ${message}`);
}

/**
 * Amazon SNS (query protocol): CreateTopic (standard and FIFO), ListTopics
 * and Publish, checked as SNS checks them (subject length, message
 * attributes, `MessageStructure: json` with a `default`, FIFO group and
 * deduplication ids). A FIFO topic takes a deduplication id once per five
 * minutes: a repeat is accepted and answered with the first message's id,
 * and not published again.
 */
export class FakeSns {
  readonly topics = new Map<string, FakeTopic>();
  readonly published: FakeSnsMessage[] = [];
  private sequence = 0;
  private readonly deduplication = new Map<
    string,
    { at: number; message: FakeSnsMessage }
  >();

  /** Adds a topic (FIFO when the name ends in `.fifo`) and returns its ARN. */
  addTopic(
    account: string,
    region: string,
    name: string,
    options: { contentBasedDeduplication?: boolean } = {},
  ): string {
    const arn = `arn:aws:sns:${region}:${account}:${name}`;
    this.topics.set(arn, {
      fifo: name.endsWith('.fifo'),
      contentBasedDeduplication: options.contentBasedDeduplication ?? false,
    });
    return arn;
  }

  private publish(input: any): FakeSnsMessage {
    const arn = required(input.TopicArn, 'TopicArn');
    const topic = this.topics.get(arn);
    if (!topic) throw invalid('NotFound', 'Topic does not exist');
    const message = required(input.Message, 'Message');
    const subject: string | undefined = input.Subject;
    if (
      subject !== undefined &&
      (subject.length > 100 ||
        /[\r\n]/.test(subject) ||
        !/^[\x20-\x7e]+$/.test(subject))
    ) {
      throw parameterError(
        'Subject must be ASCII text of at most 100 characters without line breaks',
      );
    }
    if (input.MessageStructure !== undefined) {
      if (input.MessageStructure !== 'json') {
        throw parameterError('MessageStructure must be json');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        throw parameterError(
          'Message Structure - JSON message body failed to parse',
        );
      }
      if (typeof (parsed as any)?.default !== 'string') {
        throw parameterError(
          'Message Structure - No default entry in JSON message body',
        );
      }
    }
    const attributes: Record<string, string> = {};
    for (const entry of members(input.MessageAttributes)) {
      const type = entry.Value?.DataType;
      if (!type || !ATTRIBUTE_TYPE.test(type)) {
        throw parameterError(
          `The message attribute '${entry.Name}' has an invalid message attribute type`,
        );
      }
      if (!entry.Value?.StringValue && !entry.Value?.BinaryValue) {
        throw parameterError(
          `The message attribute '${entry.Name}' must contain non-empty message attribute value`,
        );
      }
      attributes[entry.Name] = entry.Value.StringValue;
    }
    const published: FakeSnsMessage = {
      MessageId: randomUUID(),
      TopicArn: arn,
      Subject: subject,
      Message: message,
      MessageStructure: input.MessageStructure,
      attributes,
    };
    if (!topic.fifo) {
      if (input.MessageDeduplicationId) {
        throw parameterError(
          'The request includes MessageDeduplicationId parameter that is not valid for this topic type',
        );
      }
      return published;
    }
    if (!input.MessageGroupId) {
      throw parameterError(
        'The MessageGroupId parameter is required for FIFO topics',
      );
    }
    const dedupId: string | undefined = input.MessageDeduplicationId;
    if (!dedupId && !topic.contentBasedDeduplication) {
      throw parameterError(
        'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
    if (dedupId && !/^[\x21-\x7e]{1,128}$/.test(dedupId)) {
      throw parameterError('MessageDeduplicationId is invalid');
    }
    return {
      ...published,
      MessageGroupId: input.MessageGroupId,
      MessageDeduplicationId: dedupId ?? message,
      SequenceNumber: String(++this.sequence).padStart(20, '0'),
    };
  }

  readonly service = awsQueryService({
    signingName: 'sns',
    iamPrefix: 'sns',
    xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/',
    codes: { throttling: 'Throttling' },
    operations: {
      CreateTopic: (input, context) => {
        const name: string = required(input.Name, 'Name');
        const attributes = Object.fromEntries(
          members(input.Attributes).map((e: any) => [e.key, e.value]),
        );
        const fifo = attributes.FifoTopic === 'true';
        if (fifo !== name.endsWith('.fifo')) {
          throw parameterError(
            'Fifo Topic names must end with .fifo and Standard Topic cannot end with .fifo',
          );
        }
        const arn = `arn:aws:sns:${context.region}:${context.accountId}:${name}`;
        this.topics.set(arn, {
          fifo,
          contentBasedDeduplication:
            attributes.ContentBasedDeduplication === 'true',
        });
        return { TopicArn: arn };
      },
      ListTopics: (_input, context) => ({
        Topics: [...this.topics.keys()]
          .filter(arn => arn.split(':')[4] === context.accountId)
          .map(TopicArn => ({ TopicArn })),
      }),
      Publish: input => {
        const message = this.publish(input);
        if (message.MessageDeduplicationId) {
          const key = `${message.TopicArn}|${message.MessageDeduplicationId}`;
          const seen = this.deduplication.get(key);
          if (seen && Date.now() - seen.at < DEDUPLICATION_WINDOW_MS) {
            return {
              MessageId: seen.message.MessageId,
              SequenceNumber: seen.message.SequenceNumber,
            };
          }
          this.deduplication.set(key, { at: Date.now(), message });
        }
        this.published.push(message);
        return {
          MessageId: message.MessageId,
          SequenceNumber: message.SequenceNumber,
        };
      },
    },
  });
}
