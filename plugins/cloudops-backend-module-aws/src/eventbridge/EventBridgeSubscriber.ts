import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { SignalSink } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { readEnvelope } from './envelope';
import { mapEvent } from './mapEvent';

/** The push source's id. */
export const EVENTBRIDGE_SOURCE_ID = 'aws-eventbridge';

/**
 * Subscribes to the events-service topics that carry EventBridge events (the
 * AWS SQS events module publishes each queue message's body on its topic)
 * and turns AWS Health, EC2 state, ECS task and service, RDS, deployment and
 * CloudWatch alarm events into signals. An event that is not one is logged
 * and dropped; one CloudOps does not read is ignored.
 */
export class EventBridgeSubscriber {
  constructor(
    private readonly deps: {
      events: EventsService;
      logger: LoggerService;
      topics: string[];
    },
  ) {}

  async connect(sink: SignalSink): Promise<void> {
    await this.deps.events.subscribe({
      id: 'cloudops-aws-eventbridge',
      topics: this.deps.topics,
      onEvent: async ({ topic, eventPayload }) => {
        const event = readEnvelope(eventPayload);
        if (typeof event === 'string') {
          this.deps.logger.warn(
            `Dropped an event on ${topic} that is not an EventBridge event: ${event}`,
          );
          return;
        }
        const signals = mapEvent(event);
        if (signals.length > 0) {
          await sink.push(signals);
        }
      },
    });
  }
}
