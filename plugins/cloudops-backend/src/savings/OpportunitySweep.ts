import { LoggerService } from '@backstage/backend-plugin-api';
import { OpportunityState } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { WasteDetector } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { durationToMilliseconds } from '@backstage/types';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { UNSHARDED } from '../scheduling/ShardedTasks';
import { engineMoveEach } from './SavingsLedger';

/** Scan intervals without a detection after which a detected opportunity expires. */
export const STALE_AFTER_SCANS = 4;

/** States a vanished shard's opportunities expire from. */
const ORPHANED: readonly OpportunityState[] = ['detected', 'snoozed'];

/**
 * How often a detector scans each shard, in milliseconds: its own
 * schedule's frequency, else the engine's scan interval; undefined for a
 * cron or manual schedule.
 */
export function scanIntervalOf(
  detector: Pick<WasteDetector, 'schedule'>,
  fallbackMs: number,
): number | undefined {
  const frequency = detector.schedule?.frequency;
  if (!frequency) return fallbackMs;
  if ('cron' in frequency || 'trigger' in frequency) return undefined;
  return 'toMillis' in frequency
    ? frequency.toMillis()
    : durationToMilliseconds(frequency);
}

/**
 * Expires opportunities no scan will look at again, which the scans
 * themselves cannot expire (a scan only expires what its own shard no
 * longer finds): detected and snoozed ones of a shard the detector no
 * longer lists (a removed cluster or account, renamed shards) or of a
 * detector no longer installed, and detected ones not found for
 * {@link STALE_AFTER_SCANS} scan intervals (their shard keeps failing). A
 * snoozed one keeps its snooze: found again before it ends, it is snoozed
 * again. A detector whose shards cannot be listed keeps its shards'
 * opportunities.
 */
export class OpportunitySweep {
  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      logger: LoggerService;
      scanIntervalMs: number;
    },
  ) {}

  /** Sweeps once; resolves with the number of opportunities expired. */
  async sweep(
    detectors: WasteDetector[],
    now: Date,
    signal: AbortSignal,
  ): Promise<number> {
    const store = this.deps.database.stores.opportunities;
    const listings = new Map<string, ReadonlySet<string> | undefined>();
    for (const detector of detectors) {
      listings.set(detector.id, await this.listShards(detector, signal));
    }
    let expired = 0;
    for (const { detector, shard } of await store.listShards(ORPHANED)) {
      const installed = listings.has(detector);
      const listed = installed ? listings.get(detector) : new Set<string>();
      if (!listed || listed.has(shard)) continue;
      const note = installed
        ? `Shard ${shard} is no longer listed by detector ${detector}`
        : `Detector ${detector} is no longer installed`;
      expired += await engineMoveEach(
        this.deps,
        await store.listForShard(detector, shard, ORPHANED),
        { to: 'expired', at: now, note: () => note },
      );
    }
    for (const detector of detectors) {
      const intervalMs = scanIntervalOf(detector, this.deps.scanIntervalMs);
      if (intervalMs === undefined) continue;
      const stale = await store.listDetectedBefore(
        detector.id,
        ['detected'],
        new Date(now.getTime() - STALE_AFTER_SCANS * intervalMs),
      );
      expired += await engineMoveEach(this.deps, stale, {
        to: 'expired',
        at: now,
        note: o =>
          `Not found by a scan of shard ${o.shard} since ${o.lastDetectedAt} (${STALE_AFTER_SCANS} scan intervals)`,
      });
    }
    return expired;
  }

  /** The detector's shards now; undefined when they cannot be listed. */
  private async listShards(
    detector: WasteDetector,
    signal: AbortSignal,
  ): Promise<ReadonlySet<string> | undefined> {
    if (!detector.shards) return new Set([UNSHARDED]);
    try {
      return new Set(await detector.shards({ signal }));
    } catch (error) {
      this.deps.logger.warn(
        `Kept the opportunities of detector ${detector.id} on every shard: its shards could not be listed: ${error}`,
      );
      return undefined;
    }
  }
}
