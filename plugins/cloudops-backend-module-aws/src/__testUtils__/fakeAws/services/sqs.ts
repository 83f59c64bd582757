import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { invalid, required } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';
import { CallContext } from '../types';

interface Message {
  MessageId: string;
  Body: string;
  receipt?: string;
  visibleAt: number;
  receiveCount: number;
}

interface Queue {
  account: string;
  name: string;
  messages: Message[];
  visibilityTimeoutSeconds: number;
  kmsMasterKeyId?: string;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * Amazon SQS (JSON 1.0, query-compatible, as current SDKs speak it):
 * queues at `<endpoint>/<account>/<name>`, SendMessage, ReceiveMessage with
 * long polling and visibility timeouts, DeleteMessage(Batch), with the MD5
 * digests the SDK checks.
 */
export class FakeSqs {
  private readonly queues = new Map<string, Queue>();
  private readonly arrivals = new EventEmitter().setMaxListeners(0);

  private key(account: string, name: string) {
    return `${account}/${name}`;
  }

  /** The queue a URL names, if it exists and the caller owns it. */
  private queue(url: string, context?: CallContext): Queue {
    const path = new URL(required(url, 'QueueUrl')).pathname.slice(1);
    const queue = this.queues.get(path);
    if (!queue || (context && queue.account !== context.accountId)) {
      throw invalid(
        'AWS.SimpleQueueService.NonExistentQueue',
        'The specified queue does not exist.',
      );
    }
    return queue;
  }

  createQueue(account: string, name: string, endpoint: string): string {
    const key = this.key(account, name);
    if (!this.queues.has(key)) {
      this.queues.set(key, {
        account,
        name,
        messages: [],
        visibilityTimeoutSeconds: 30,
      });
    }
    return `${endpoint}/${key}`;
  }

  /** Puts a message on a queue, as EventBridge delivering to its target does. */
  send(url: string, body: string): string {
    const queue = this.queue(url);
    const message: Message = {
      MessageId: randomUUID(),
      Body: body,
      visibleAt: 0,
      receiveCount: 0,
    };
    queue.messages.push(message);
    this.arrivals.emit(this.key(queue.account, queue.name));
    return message.MessageId;
  }

  /** Messages still on a queue (received or not). */
  depth(url: string): number {
    return this.queue(url).messages.length;
  }

  private take(queue: Queue, max: number, visibilitySeconds: number) {
    const now = Date.now();
    const visible = queue.messages
      .filter(m => m.visibleAt <= now)
      .slice(0, max);
    for (const message of visible) {
      message.receipt = randomUUID();
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiveCount += 1;
    }
    return visible;
  }

  private async receive(input: any, context: CallContext) {
    const queue = this.queue(input.QueueUrl, context);
    const max = input.MaxNumberOfMessages ?? 1;
    if (max < 1 || max > 10) {
      throw invalid(
        'InvalidParameterValue',
        'MaxNumberOfMessages must be 1..10',
      );
    }
    const visibility =
      input.VisibilityTimeout ?? queue.visibilityTimeoutSeconds;
    let messages = this.take(queue, max, visibility);
    const waitMs = (input.WaitTimeSeconds ?? 0) * 1000;
    if (messages.length === 0 && waitMs > 0) {
      const key = this.key(queue.account, queue.name);
      await new Promise<void>(resolve => {
        let timer: NodeJS.Timeout | undefined = undefined;
        const done = () => {
          clearTimeout(timer);
          this.arrivals.off(key, done);
          context.signal.removeEventListener('abort', done);
          resolve();
        };
        timer = setTimeout(done, waitMs);
        this.arrivals.on(key, done);
        context.signal.addEventListener('abort', done);
      });
      messages = this.take(queue, max, visibility);
    }
    return {
      Messages: messages.map(m => ({
        MessageId: m.MessageId,
        ReceiptHandle: m.receipt,
        Body: m.Body,
        MD5OfBody: md5(m.Body),
        Attributes: { ApproximateReceiveCount: String(m.receiveCount) },
      })),
    };
  }

  private remove(queue: Queue, receipt: string): boolean {
    const index = queue.messages.findIndex(m => m.receipt === receipt);
    if (index >= 0) queue.messages.splice(index, 1);
    return index >= 0;
  }

  readonly service = awsJsonService({
    signingName: 'sqs',
    iamPrefix: 'sqs',
    targetPrefix: 'AmazonSQS',
    version: '1.0',
    errorNamespace: 'com.amazonaws.sqs',
    queryCompatible: true,
    codes: {
      invalidToken: 'InvalidClientTokenId',
      expired: 'ExpiredToken',
      accessDenied: 'AccessDenied',
      throttling: 'RequestThrottled',
    },
    operations: {
      CreateQueue: (input, context) => {
        const url = this.createQueue(
          context.accountId,
          required(input.QueueName, 'QueueName'),
          context.endpoint,
        );
        const queue = this.queue(url);
        queue.kmsMasterKeyId = input.Attributes?.KmsMasterKeyId;
        if (input.Attributes?.VisibilityTimeout) {
          queue.visibilityTimeoutSeconds = Number(
            input.Attributes.VisibilityTimeout,
          );
        }
        return { QueueUrl: url };
      },
      GetQueueUrl: (input, context) => {
        const url = `${context.endpoint}/${this.key(
          context.accountId,
          required(input.QueueName, 'QueueName'),
        )}`;
        this.queue(url, context);
        return { QueueUrl: url };
      },
      SendMessage: (input, context) => {
        this.queue(input.QueueUrl, context);
        const body = required(input.MessageBody, 'MessageBody');
        return {
          MessageId: this.send(input.QueueUrl, body),
          MD5OfMessageBody: md5(body),
        };
      },
      ReceiveMessage: (input, context) => this.receive(input, context),
      DeleteMessage: (input, context) => {
        const queue = this.queue(input.QueueUrl, context);
        if (
          !this.remove(queue, required(input.ReceiptHandle, 'ReceiptHandle'))
        ) {
          throw invalid(
            'ReceiptHandleIsInvalid',
            'The receipt handle is not valid',
          );
        }
        return {};
      },
      DeleteMessageBatch: (input, context) => {
        const queue = this.queue(input.QueueUrl, context);
        const Successful: Array<{ Id: string }> = [];
        const Failed: Array<{
          Id: string;
          Code: string;
          Message: string;
          SenderFault: boolean;
        }> = [];
        for (const entry of input.Entries ?? []) {
          if (this.remove(queue, entry.ReceiptHandle)) {
            Successful.push({ Id: entry.Id });
          } else {
            Failed.push({
              Id: entry.Id,
              Code: 'ReceiptHandleIsInvalid',
              Message: 'The receipt handle is not valid',
              SenderFault: true,
            });
          }
        }
        return { Successful, Failed };
      },
    },
  });
}
