import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  SignalInput,
  SignalSink,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DemoOptions } from '../config';
import { DemoFleet } from '../fleet/DemoFleet';
import { sampleOf, STEP_MS } from '../model/seasonality';
import { MetricSeries } from '../signals/fleetSeries';
import { faultWindows } from './faultWindows';
import { needsWarmup } from './warmupSeries';

/** The pull source's id (detector health), and the history push's. */
export const DEMO_SOURCE_ID = 'demo-fleet';
export const DEMO_HISTORY_ID = 'demo-fleet-history';

/** History is pushed in chunks of this much simulated time... */
const HISTORY_CHUNK_MS = 20 * STEP_MS;
/** ...and batches of at most this many signals, each committed before the next. */
const HISTORY_BATCH = 1000;
const DAY_MS = 24 * 3_600_000;
/** A read that fell behind catches up at most this far. */
const MAX_CATCH_UP_MS = 60 * STEP_MS;

/**
 * The demo fleet as a pull source: one shard per cluster and account, read
 * like the real modules' sources (a Prometheus per cluster, CloudWatch per
 * account), once the catalog lists the estate. The first read of a shard in a process pushes the shard's
 * recent history first, oldest first, in committed batches, so the
 * detectors learn in order and ingestion is never flooded; later reads
 * return the samples since the last read, overlapping a little (the engine
 * drops what it already has).
 */
export class DemoSource {
  readonly type = 'pull' as const;
  readonly id = DEMO_SOURCE_ID;
  readonly schedule: SchedulerServiceTaskScheduleDefinition;
  private readonly sinkReady: Promise<SignalSink>;
  private connectSink!: (sink: SignalSink) => void;
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly deps: {
      fleet: DemoFleet;
      options: DemoOptions;
      logger: LoggerService;
      /** Throws while the estate is not in the engine's entity index yet. */
      inCatalog: { check(): Promise<void> };
    },
  ) {
    this.schedule = {
      frequency: { milliseconds: deps.options.pullIntervalMs },
      timeout: { minutes: 10 },
      initialDelay: { milliseconds: 0 },
    };
    this.sinkReady = new Promise(resolve => {
      this.connectSink = resolve;
    });
  }

  /** The push source that hands the history to the engine. */
  historySource() {
    return {
      type: 'push' as const,
      id: DEMO_HISTORY_ID,
      connect: (sink: SignalSink) => this.connectSink(sink),
    };
  }

  async shards(): Promise<string[]> {
    return this.deps.fleet.signals.shards();
  }

  async read(options: {
    signal: AbortSignal;
    shard?: string;
    rules: readonly Rule[];
  }): Promise<SignalInput[]> {
    const shard = options.shard;
    if (!shard) throw new Error('The demo fleet is read one shard at a time');
    await this.deps.inCatalog.check();
    const { fleet, options: demo } = this.deps;
    const to = sampleOf(fleet.clock.now());
    const lookback = Math.max(
      3 * STEP_MS,
      2 * fleet.clock.simulated(demo.pullIntervalMs),
    );
    const cursor = this.cursors.get(shard);
    if (cursor === undefined) {
      await this.pushHistory(
        shard,
        to - lookback,
        options.rules,
        options.signal,
      );
    }
    const from = Math.max(
      to - MAX_CATCH_UP_MS,
      Math.min(cursor ?? to - lookback, to - lookback),
    );
    const model = await fleet.model(from, to);
    const signals = fleet.signals.between(model, shard, from, to);
    this.cursors.set(shard, to);
    return signals;
  }

  /** Pushes the shard's history up to `until`, oldest first, each batch committed before the next. */
  private async pushHistory(
    shard: string,
    until: number,
    rules: readonly Rule[],
    abort: AbortSignal,
  ) {
    const { fleet, options: demo, logger } = this.deps;
    const sink = await this.sinkReady;
    const startedAt = new Date();
    const warm = new Set(
      fleet.signals.series.filter(
        s => s.shard === shard && needsWarmup(s, rules),
      ),
    );
    const from = until - demo.warmupMs;
    const historyFrom = until - demo.historyMs;
    const pastFrom = Math.min(from, until - demo.historyDays * DAY_MS);
    const model = await fleet.model(pastFrom, until);
    const windows = faultWindows(model, pastFrom, from);
    let items = 0;
    const push = async (signals: SignalInput[]) => {
      if (abort.aborted) throw new Error('aborted');
      for (let i = 0; i < signals.length; i += HISTORY_BATCH) {
        await sink.push(signals.slice(i, i + HISTORY_BATCH));
      }
      items += signals.length;
    };
    const pushMinutes = async (
      a0: number,
      b0: number,
      metricsFrom: (s: MetricSeries) => number,
    ) => {
      for (let a = a0; a < b0; a += HISTORY_CHUNK_MS) {
        const b = Math.min(b0, a + HISTORY_CHUNK_MS);
        await push(fleet.signals.between(model, shard, a, b, metricsFrom));
      }
    };
    try {
      // The past: deployments, and every minute around the past faults.
      let cursor = pastFrom;
      for (const window of windows) {
        await push(fleet.signals.events(model, shard, cursor, window.from));
        await pushMinutes(window.from, window.to, s =>
          window.services.has(s.service) ? window.from : Infinity,
        );
        cursor = window.to;
      }
      await push(fleet.signals.events(model, shard, cursor, from));
      // The recent past, every minute.
      await pushMinutes(from, until, s => (warm.has(s) ? from : historyFrom));
      logger.info(
        `Demo fleet: pushed ${items} signals of history for ${shard} (${
          warm.size
        } series over ${Math.round(
          demo.warmupMs / 60_000,
        )} minutes for the detectors, ${windows.length} past faults over ${
          demo.historyDays
        } days) in ${Date.now() - startedAt.getTime()} ms`,
      );
      await sink.report?.({ shard, startedAt, items });
    } catch (error) {
      await sink.report?.({
        shard,
        startedAt,
        items,
        error: `history push failed: ${(error as Error).message}`,
      });
      throw error;
    }
  }
}
