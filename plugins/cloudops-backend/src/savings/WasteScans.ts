import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CHANGED_OPPORTUNITY_STATES } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  SavingsThresholds,
  WasteDetector,
  WasteFinding,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { ShardedTasks, UNSHARDED } from '../scheduling/ShardedTasks';
import { OpportunityPipeline } from './OpportunityPipeline';
import { OpportunitySweep } from './OpportunitySweep';
import { PriceBook } from './PriceBook';
import { engineMoveEach } from './SavingsLedger';
import { observeFrom, SavingsValidation } from './validation/SavingsValidation';

/**
 * Schedules the waste detectors with the engine's sharded tasks: per
 * detector, one global task per shard that detects (findings become
 * opportunities) and one per shard its changed opportunities were last
 * detected on that measures them (validation, so a shard the detector no
 * longer lists is still measured); both recorded for detector health, as
 * `<id>` and `<id>:validation`. Also wakes snoozed opportunities whose
 * snooze ended and sweeps out those no scan looks at any more.
 */
export class WasteScans {
  constructor(
    private readonly deps: {
      tasks: ShardedTasks;
      scheduler: SchedulerService;
      database: CloudopsDatabase;
      pipeline: OpportunityPipeline;
      validation: SavingsValidation;
      sweep: OpportunitySweep;
      prices: PriceBook;
      auditor: AuditorService;
      logger: LoggerService;
      thresholds: SavingsThresholds;
      scanIntervalMs: number;
      validationIntervalMs: number;
    },
  ) {}

  async start(detectors: WasteDetector[]): Promise<void> {
    const { tasks, thresholds, prices, validation, database } = this.deps;
    for (const detector of detectors) {
      const shards = detector.shards?.bind(detector);
      const context = (shard: string | undefined, signal: AbortSignal) => ({
        shard,
        signal,
        now: new Date(),
        thresholds,
        prices: (region: string, account?: string) =>
          prices.prices(region, account, signal),
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
          await this.record(detector.id, shard ?? UNSHARDED, findings, ctx.now);
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
        shards:
          shards &&
          (async () =>
            (
              await database.stores.opportunities.listShards(
                CHANGED_OPPORTUNITY_STATES,
                detector.id,
              )
            ).map(s => s.shard)),
        run: async ({ signal, shard }) => {
          const changed = await database.stores.opportunities.listForShard(
            detector.id,
            shard ?? UNSHARDED,
            CHANGED_OPPORTUNITY_STATES,
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
            shard ?? UNSHARDED,
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
    await this.deps.scheduler.scheduleTask({
      id: 'cloudops:savings:sweep',
      scope: 'global',
      frequency: { milliseconds: this.deps.scanIntervalMs },
      timeout: { minutes: 30 },
      initialDelay: { minutes: 10 },
      fn: signal =>
        this.deps.sweep
          .sweep(detectors, new Date(), signal)
          .then(() => undefined),
    });
  }

  /** Records a scan's findings; says when it left changed opportunities be. */
  private async record(
    detector: string,
    shard: string,
    findings: WasteFinding[],
    now: Date,
  ) {
    const { skipped } = await this.deps.pipeline.record(
      detector,
      shard,
      findings,
      now,
    );
    if (skipped > 0) {
      this.deps.logger.info(
        `Scan of ${detector}/${shard} left ${skipped} opportunities as they are: other changes moved them while it ran`,
      );
    }
  }

  /** Snoozed opportunities whose snooze ended go back to detected. */
  async wakeSnoozed(now: Date): Promise<number> {
    const ended = await this.deps.database.stores.opportunities.listSnoozeEnded(
      now,
    );
    return engineMoveEach(this.deps, ended, {
      to: 'detected',
      at: now,
      note: () => 'Snooze ended',
    });
  }
}
