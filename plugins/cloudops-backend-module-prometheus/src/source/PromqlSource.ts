import { LoggerService } from '@backstage/backend-plugin-api';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  PartialPull,
  SignalInput,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { QueryOptions } from '../config';
import { ServerError } from '../http/callServer';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';
import { rangeChunks } from '../prometheus/chunkedRange';
import { queriesForRules, SourceQuery } from './queriesForRules';
import { seriesToSignals } from './seriesToSignals';

/** A point is read once its time is this far in the past, so late scrapes are in. */
const SETTLE_MS = 15_000;

/**
 * The PromQL source: one shard per cluster with a Prometheus. Each run asks
 * the cluster's Prometheus for what the rules in force look at (their
 * `query.promql`, the Kubernetes signals and metrics they name) as range
 * queries over the steps since the last run, and hands every point over as
 * a metric signal, so threshold `for:` durations, anomaly and forecast
 * conditions see the series as it was.
 *
 * A run with nothing due still asks the server a trivial query, so that
 * detector health always says whether each cluster's Prometheus answers.
 * A server that is down, slow or refuses our credentials fails the run
 * (detector health shows it) and the next run reads the same steps again; a
 * query Prometheus rejects, or that answers too much, is reported while the
 * other queries' signals go through. Where each query has got to is kept
 * per replica: a replica that takes a cluster over starts `lookback` back,
 * and the points it reads twice are stored once. A read never goes further
 * back than `lookback`: the steps of a longer gap (a cluster down for
 * longer) are reported as not read. More steps than Prometheus answers at
 * once (11,000) are read in parts.
 */
export class PromqlSource {
  readonly type = 'pull';
  readonly id = 'prometheus';
  readonly schedule;
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly deps: {
      clusters: PrometheusClusters;
      options: QueryOptions;
      logger: LoggerService;
      /** The clock; epoch milliseconds. */
      now?: () => number;
    },
  ) {
    const { frequencyMs } = deps.options;
    this.schedule = {
      frequency: { milliseconds: frequencyMs },
      timeout: { milliseconds: Math.max(frequencyMs * 5, 120_000) },
    };
  }

  async shards(): Promise<string[]> {
    return this.deps.clusters.names();
  }

  async read(options: {
    signal: AbortSignal;
    shard?: string;
    rules: readonly Rule[];
  }): Promise<PartialPull> {
    const cluster = options.shard!;
    const { clusters, options: config } = this.deps;
    const client = clusters.client(cluster);
    const now = (this.deps.now ?? Date.now)();
    const queries = queriesForRules(options.rules, cluster, config.stepMs);
    const signals: SignalInput[] = [];
    const problems: string[] = [];
    const advanced = new Map<string, number>();
    const keys = new Set<string>();
    let asked = 0;
    for (const query of queries) {
      const key = `${cluster}\u0000${query.name}\u0000${query.expr}\u0000${query.stepMs}`;
      keys.add(key);
      const window = this.window(key, query, now);
      if (!window) continue;
      asked++;
      if (window.skippedFrom !== undefined) {
        problems.push(
          `${query.ruleIds.join(', ')}: the steps from ${new Date(
            window.skippedFrom,
          ).toISOString()} to ${new Date(
            window.start - query.stepMs,
          ).toISOString()} were not read: the last read was longer ago than cloudops.prometheus.query.lookback (${
            this.deps.options.lookbackMs / 1000
          }s)`,
        );
        // Said once: should the read fail, the next run starts here.
        advanced.set(key, window.start);
      }
      try {
        // A long lookback at a short step is read in parts Prometheus takes.
        for (const chunk of rangeChunks(
          window.start,
          window.end,
          query.stepMs,
        )) {
          const series = await client.queryRange({
            query: query.expr,
            ...chunk,
            stepMs: query.stepMs,
            signal: options.signal,
          });
          signals.push(
            ...seriesToSignals(series, {
              name: query.name,
              cluster,
              environment: clusters.environment(cluster),
            }),
          );
          advanced.set(key, chunk.end + query.stepMs);
        }
      } catch (error) {
        if (!(error instanceof ServerError) || error.serverWide) throw error;
        problems.push(`${query.ruleIds.join(', ')}: ${error.message}`);
      }
    }
    if (asked === 0) {
      // Nothing was due: still make sure the server answers, for health.
      await client.query({ query: 'vector(1)', signal: options.signal });
    }
    // Only a run that got through moves on: a failed one is read again.
    advanced.forEach((next, key) => this.cursors.set(key, next));
    // Queries no rule asks for any more are forgotten.
    for (const key of this.cursors.keys()) {
      if (key.startsWith(`${cluster}\u0000`) && !keys.has(key)) {
        this.cursors.delete(key);
      }
    }
    if (problems.length === 0) return { signals, problems };
    this.deps.logger.warn(
      `Prometheus source on cluster ${cluster}: ${problems.join('; ')}`,
    );
    return { signals, problems };
  }

  /**
   * The steps to read: since the last run, at most `lookback` back, settled;
   * and where the steps not read begin, when the last run was longer ago.
   */
  private window(key: string, query: SourceQuery, now: number) {
    const { stepMs } = query;
    const end = Math.floor((now - SETTLE_MS) / stepMs) * stepMs;
    const earliest =
      Math.ceil((now - this.deps.options.lookbackMs) / stepMs) * stepMs;
    const cursor = this.cursors.get(key);
    const start = Math.max(cursor ?? earliest, earliest);
    if (start > end) return undefined;
    return {
      start,
      end,
      skippedFrom: cursor !== undefined && cursor < start ? cursor : undefined,
    };
  }
}
