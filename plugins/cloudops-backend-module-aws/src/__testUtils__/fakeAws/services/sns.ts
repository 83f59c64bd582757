import { randomUUID } from 'node:crypto';
import { invalid, required } from '../AwsFault';
import { awsQueryService, members } from '../protocols/awsQuery';

/** A message published to a topic. */
export interface FakeSnsMessage {
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  attributes: Record<string, string>;
}

/** Amazon SNS (query protocol): CreateTopic, ListTopics and Publish. */
export class FakeSns {
  readonly topics = new Set<string>();
  readonly published: FakeSnsMessage[] = [];

  readonly service = awsQueryService({
    signingName: 'sns',
    iamPrefix: 'sns',
    xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/',
    codes: { throttling: 'Throttling' },
    operations: {
      CreateTopic: (input, context) => {
        const arn = `arn:aws:sns:${context.region}:${
          context.accountId
        }:${required(input.Name, 'Name')}`;
        this.topics.add(arn);
        return { TopicArn: arn };
      },
      ListTopics: (_input, context) => ({
        Topics: [...this.topics]
          .filter(arn => arn.split(':')[4] === context.accountId)
          .map(TopicArn => ({ TopicArn })),
      }),
      Publish: input => {
        const topic = required(input.TopicArn, 'TopicArn');
        if (!this.topics.has(topic)) {
          throw invalid('NotFound', 'Topic does not exist');
        }
        const message: FakeSnsMessage = {
          MessageId: randomUUID(),
          TopicArn: topic,
          Subject: input.Subject,
          Message: required(input.Message, 'Message'),
          attributes: Object.fromEntries(
            members(input.MessageAttributes).map((e: any) => [
              e.Name,
              e.Value?.StringValue,
            ]),
          ),
        };
        this.published.push(message);
        return { MessageId: message.MessageId };
      },
    },
  });
}
