import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { DetectorRunOutcome } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsDatabase } from '../database/CloudopsDatabase';

/** The shard recorded for work that is not sharded. */
export const UNSHARDED = 'default';
/** The shard recorded for listing the shards themselves. */
export const DISCOVERY = '*';

/**
 * Scheduled detector work: a pull source or a waste detector, optionally
 * split into shards (accounts, clusters).
 */
export interface ShardedWork {
  /** The detector's id, e.g. `aws-cloudwatch-metrics`. */
  id: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  shards?(options: { signal: AbortSignal }): Promise<string[]>;
  /** Does the work of one shard; resolves with the number of items produced. */
  run(options: { signal: AbortSignal; shard?: string }): Promise<number>;
}

/**
 * Runs detector work on the Backstage scheduler, one global task per shard:
 * the scheduler's database locks let several backend replicas share the
 * shards, never run one shard twice at once, and hand a shard to another
 * replica when the one running it stops. Each replica lists the shards
 * locally at the work's frequency, so shards come and go; a shard that is no
 * longer listed is skipped. Every run, and every listing, is recorded for
 * detector health.
 */
export class ShardedTasks {
  constructor(
    private readonly deps: {
      scheduler: SchedulerService;
      logger: LoggerService;
      database: CloudopsDatabase;
    },
  ) {}

  async schedule(work: ShardedWork): Promise<void> {
    const listShards = work.shards?.bind(work);
    if (!listShards) {
      await this.scheduleShard(work, undefined, () => true);
      return;
    }
    const scheduled = new Set<string>();
    const listed = new Set<string>();
    await this.deps.scheduler.scheduleTask({
      id: `cloudops:${work.id}:shards`,
      scope: 'local',
      frequency: work.schedule.frequency,
      timeout: work.schedule.timeout,
      fn: async signal => {
        const shards = await this.recorded(work.id, DISCOVERY, async () => {
          const list = await listShards({ signal });
          return { items: list.length, value: list };
        });
        if (!shards) return;
        listed.clear();
        shards.forEach(shard => listed.add(shard));
        for (const shard of listed) {
          if (!scheduled.has(shard)) {
            scheduled.add(shard);
            await this.scheduleShard(work, shard, () => listed.has(shard));
          }
        }
      },
    });
  }

  private async scheduleShard(
    work: ShardedWork,
    shard: string | undefined,
    isListed: () => boolean,
  ) {
    await this.deps.scheduler.scheduleTask({
      ...work.schedule,
      id:
        shard === undefined
          ? `cloudops:${work.id}`
          : `cloudops:${work.id}:${shard}`,
      scope: 'global',
      fn: async signal => {
        if (!isListed()) return;
        await this.recorded(work.id, shard ?? UNSHARDED, async () => ({
          items: await work.run({ signal, shard }),
          value: undefined,
        }));
      },
    });
  }

  /**
   * Runs `work` and records how it went; a failure is logged and recorded,
   * never thrown, so the scheduler keeps its cadence.
   */
  private async recorded<T>(
    detector: string,
    shard: string,
    work: () => Promise<{ items: number; value: T }>,
  ): Promise<T | undefined> {
    const started = Date.now();
    let outcome: DetectorRunOutcome = 'succeeded';
    let items = 0;
    let error: string | undefined;
    let value: T | undefined;
    try {
      ({ items, value } = await work());
    } catch (e) {
      outcome = 'failed';
      error = (e as Error)?.message ?? String(e);
      this.deps.logger.warn(
        `Detector ${detector} failed on shard ${shard}: ${error}`,
      );
    }
    try {
      await this.deps.database.transaction(stores =>
        stores.detectorRuns.record({
          detector,
          shard,
          startedAt: new Date(started).toISOString(),
          durationMs: Date.now() - started,
          items,
          outcome,
          error,
        }),
      );
    } catch (e) {
      this.deps.logger.error(
        `Could not record a run of detector ${detector} on shard ${shard}: ${e}`,
      );
    }
    return value;
  }
}
