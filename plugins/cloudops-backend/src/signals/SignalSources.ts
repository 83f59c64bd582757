import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsSignalSource,
  isPartialReadError,
  SignalInput,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ShardedTasks } from '../scheduling/ShardedTasks';
import { parseInput, signalBatchSchema } from '../service/validation';
import { SignalIngestor } from './SignalIngestor';

/** The events-service topic other plugins publish signals on. */
export const SIGNALS_TOPIC = 'cloudops.signals';

/**
 * Starts everything that feeds the ingestor besides the HTTP API: push
 * sources from modules, pull sources on the scheduler (sharded, with every
 * run recorded for detector health), the events-service
 * subscription, and the rule clock for absent-data rules.
 */
export class SignalSources {
  constructor(
    private readonly deps: {
      events: EventsService;
      ingestor: SignalIngestor;
      logger: LoggerService;
      scheduler: SchedulerService;
      tasks: ShardedTasks;
    },
  ) {}

  async start(options: {
    sources: CloudopsSignalSource[];
    /** The rules in force, handed to pull sources. */
    rules: () => readonly Rule[];
    tickSeconds: number;
  }) {
    const { sources, rules, tickSeconds } = options;
    const { events, ingestor, logger, scheduler, tasks } = this.deps;
    for (const source of sources) {
      if (source.type === 'push') {
        await source.connect({
          push: signals =>
            ingestor
              .ingest(signals, `source:${source.id}`)
              .then(() => undefined),
        });
      } else {
        await tasks.schedule({
          id: source.id,
          schedule: source.schedule,
          shards: source.shards?.bind(source),
          run: async run => {
            let signals: SignalInput[];
            let partial: Error | undefined;
            try {
              signals = await source.read({ ...run, rules: rules() });
            } catch (error) {
              if (!isPartialReadError(error)) throw error;
              // What was read is kept; the run still counts as failed.
              ({ signals } = error);
              partial = error;
            }
            if (signals.length > 0) {
              await ingestor.ingest(signals, `source:${source.id}`);
            }
            if (partial) throw partial;
            return signals.length;
          },
        });
      }
    }

    await events.subscribe({
      id: 'cloudops-signals',
      topics: [SIGNALS_TOPIC],
      onEvent: async ({ eventPayload }) => {
        const payload = eventPayload as { signals?: unknown } | unknown[];
        const signals = Array.isArray(payload)
          ? payload
          : (payload as { signals?: unknown }).signals ?? [payload];
        let batch;
        try {
          batch = parseInput(signalBatchSchema, { signals }, 'signal event');
        } catch (error) {
          logger.warn(`Dropped a malformed ${SIGNALS_TOPIC} event: ${error}`);
          return;
        }
        await ingestor.ingest(batch.signals, `events:${SIGNALS_TOPIC}`);
      },
    });

    await scheduler.scheduleTask({
      id: 'cloudops-rules-tick',
      scope: 'local',
      frequency: { seconds: tickSeconds },
      timeout: { minutes: 1 },
      fn: async () => {
        await ingestor.tick(new Date());
      },
    });
  }
}
