import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { PruneCursor, PruneRequest, PruneSlice } from '../database/SignalStore';
import { ForegroundWork } from './ForegroundWork';

/** How long each kind of record is kept. */
export interface RetentionOptions {
  /** Detector runs (each detector's latest run per shard always stays). */
  detectorRunsMs: number;
  /** Stored signals (those an incident was formed from stay with it). */
  signalsMs: number;
  /** The metric series' 15-second rollups. */
  rollupsMs: number;
}

/** Rows per pruning statement: about 8 ms of SQLite's time on the project machine. */
const SLICE_ROWS = 5000;

/**
 * Deletes what is past its retention at `now`. Signals and rollups go a
 * slice at a time, and each slice first gives way to signal ingestion (on
 * SQLite a statement holds the thread), so pruning a large backlog never
 * holds up incoming signals; an abort stops between slices, and the next
 * run goes on from there.
 */
export async function applyRetention(
  database: CloudopsDatabase,
  retention: RetentionOptions,
  now: Date,
  options: {
    foreground: Pick<ForegroundWork, 'idle'>;
    abort?: AbortSignal;
    sliceRows?: number;
  },
): Promise<{ detectorRuns: number; signals: number; rollups: number }> {
  const { detectorRuns, signals } = database.stores;
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const inSlices = async (
    prune: (slice: PruneRequest) => Promise<PruneSlice>,
    before: Date,
  ) => {
    const limit = options.sliceRows ?? SLICE_ROWS;
    let total = 0;
    let after: PruneCursor | undefined;
    do {
      await options.foreground.idle();
      if (options.abort?.aborted) return total;
      const slice = await prune({ before, limit, after });
      total += slice.pruned;
      after = slice.next;
    } while (after);
    return total;
  };
  return {
    detectorRuns: options.abort?.aborted
      ? 0
      : await detectorRuns.prune(ago(retention.detectorRunsMs)),
    signals: await inSlices(
      slice => signals.pruneSignals(slice),
      ago(retention.signalsMs),
    ),
    rollups: await inSlices(
      slice => signals.pruneRollups(slice),
      ago(retention.rollupsMs),
    ),
  };
}

/** Applies the retention once an hour, on one replica at a time. */
export async function scheduleRetention(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  database: CloudopsDatabase;
  foreground: ForegroundWork;
  retention: RetentionOptions;
}) {
  await options.scheduler.scheduleTask({
    id: 'cloudops:retention',
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 1 },
    fn: async abort => {
      const pruned = await applyRetention(
        options.database,
        options.retention,
        new Date(),
        { foreground: options.foreground, abort },
      );
      if (pruned.detectorRuns + pruned.signals + pruned.rollups > 0) {
        options.logger.info(
          `Retention: deleted ${pruned.signals} signal(s), ${pruned.rollups} rollup row(s) and ${pruned.detectorRuns} detector run(s)`,
        );
      }
    },
  });
}
