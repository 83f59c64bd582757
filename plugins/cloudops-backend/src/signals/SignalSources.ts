import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsSignalSource,
  PushDelivery,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { ShardedTasks } from '../scheduling/ShardedTasks';
import { parseInput, signalBatchSchema } from '../service/validation';
import { SignalIngestor } from './SignalIngestor';
import { checkSourceSignals } from './sourceSignals';

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
      database: CloudopsDatabase;
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
          // A push with a signal that does not fit is refused whole, so the
          // source can refuse its own delivery.
          push: async signals => {
            const { problem } = checkSourceSignals(signals);
            if (problem) {
              throw new InputError(
                `Invalid signals from ${source.id}: ${problem}`,
              );
            }
            await ingestor.ingest(signals, `source:${source.id}`);
          },
          report: delivery => this.recordDelivery(source.id, delivery),
        });
      } else {
        await tasks.schedule({
          id: source.id,
          schedule: source.schedule,
          shards: source.shards?.bind(source),
          run: async run => {
            const pulled = await source.read({ ...run, rules: rules() });
            const read = Array.isArray(pulled)
              ? { signals: pulled, problems: [] }
              : pulled;
            // What fits is ingested; the rest fails the run, named.
            const { fit: signals, problem } = checkSourceSignals(read.signals);
            const problems = problem
              ? [...read.problems, problem]
              : read.problems;
            if (signals.length > 0) {
              await ingestor.ingest(signals, `source:${source.id}`);
            }
            if (problems.length > 0) {
              throw new Error(
                `${signals.length} signal(s) read, but: ${problems.join('; ')}`,
              );
            }
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

  /** A push source's delivery, as a run of that source for detector health. */
  private async recordDelivery(detector: string, delivery: PushDelivery) {
    try {
      await this.deps.database.transaction(stores =>
        stores.detectorRuns.record({
          detector,
          shard: delivery.shard,
          startedAt: delivery.startedAt.toISOString(),
          durationMs: Date.now() - delivery.startedAt.getTime(),
          items: delivery.items,
          outcome: delivery.error === undefined ? 'succeeded' : 'failed',
          error: delivery.error,
        }),
      );
    } catch (error) {
      this.deps.logger.error(
        `Could not record a delivery to ${detector} from ${delivery.shard}: ${error}`,
      );
    }
  }
}
