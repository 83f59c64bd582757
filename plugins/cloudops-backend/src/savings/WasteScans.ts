import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  SavingsThresholds,
  WasteDetector,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { ShardedTasks } from '../scheduling/ShardedTasks';
import { OpportunityPipeline } from './OpportunityPipeline';
import { PriceBook } from './PriceBook';
import { ENGINE_ACTOR } from '../audit/engineActor';
import { auditEngineMove, moveOpportunity } from './SavingsLedger';
import {
  observeFrom,
  OBSERVED_STATES,
  SavingsValidation,
} from './validation/SavingsValidation';

/**
 * Schedules the waste detectors with the engine's sharded tasks: per
 * detector, one global task per shard that detects (findings become
 * opportunities) and one that measures changed opportunities (validation);
 * both recorded for detector health, as `<id>` and `<id>:validation`. Also
 * wakes snoozed opportunities whose snooze ended.
 */
export class WasteScans {
  constructor(
    private readonly deps: {
      tasks: ShardedTasks;
      scheduler: SchedulerService;
      database: CloudopsDatabase;
      pipeline: OpportunityPipeline;
      validation: SavingsValidation;
      prices: PriceBook;
      auditor: AuditorService;
      logger: LoggerService;
      thresholds: SavingsThresholds;
      scanIntervalMs: number;
      validationIntervalMs: number;
    },
  ) {}

  async start(detectors: WasteDetector[]): Promise<void> {
    const { tasks, thresholds, prices, pipeline, validation, database } =
      this.deps;
    for (const detector of detectors) {
      const shards = detector.shards?.bind(detector);
      const context = (shard: string | undefined, signal: AbortSignal) => ({
        shard,
        signal,
        now: new Date(),
        thresholds,
        prices: (region: string) => prices.prices(region, shard, signal),
      });
      await tasks.schedule({
        id: detector.id,
        schedule: detector.schedule ?? {
          frequency: { milliseconds: this.deps.scanIntervalMs },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
        },
        shards,
        run: async ({ signal, shard }) => {
          const ctx = context(shard, signal);
          const findings = await detector.detect(ctx);
          await pipeline.record(
            detector.id,
            shard ?? 'default',
            findings,
            ctx.now,
          );
          return findings.length;
        },
      });
      const observe = detector.observe?.bind(detector);
      if (!observe) continue;
      await tasks.schedule({
        id: `${detector.id}:validation`,
        schedule: {
          frequency: { milliseconds: this.deps.validationIntervalMs },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 5 },
        },
        shards,
        run: async ({ signal, shard }) => {
          const changed = await database.stores.opportunities.listForShard(
            detector.id,
            shard ?? 'default',
            OBSERVED_STATES,
          );
          if (changed.length === 0) return 0;
          const ctx = context(shard, signal);
          const observations = await observe({
            ...ctx,
            opportunities: changed.map(o => ({
              ...o,
              observeFrom: observeFrom(o),
            })),
          });
          return validation.apply(
            detector.id,
            shard ?? 'default',
            observations,
            ctx.now,
          );
        },
      });
    }
    await this.deps.scheduler.scheduleTask({
      id: 'cloudops:savings:snoozes',
      scope: 'global',
      frequency: { minutes: 15 },
      timeout: { minutes: 5 },
      initialDelay: { minutes: 1 },
      fn: () => this.wakeSnoozed(new Date()).then(() => undefined),
    });
  }

  /** Snoozed opportunities whose snooze ended go back to detected. */
  async wakeSnoozed(now: Date): Promise<number> {
    const ended = await this.deps.database.stores.opportunities.listSnoozeEnded(
      now,
    );
    for (const opportunity of ended) {
      await this.deps.database.transaction(async stores => {
        await moveOpportunity(stores, opportunity, {
          to: 'detected',
          actor: ENGINE_ACTOR,
          at: now,
          note: 'Snooze ended',
        });
        await auditEngineMove(
          stores,
          opportunity.id,
          'snoozed',
          'detected',
          now,
        );
      });
    }
    return ended.length;
  }
}
