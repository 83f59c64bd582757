import crypto from 'node:crypto';
import os from 'node:os';
import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { IncidentEventType } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { IncidentChange } from '../database/IncidentChanges';
import { RemediationLearning } from '../remediation/RemediationLearning';
import { ForegroundWork } from '../scheduling/ForegroundWork';
import { IncidentRcaRunner } from './IncidentRcaRunner';
import { SharedReads } from './SharedReads';

/** When RCA runs (from `cloudops.rca.*`). */
export interface RcaSchedulerOptions {
  /** A run waits this long after the last request for it (growth comes in bursts). */
  debounceMs: number;
  /** …but never longer than this after the first request. */
  maxDelayMs: number;
  /** A claimed run that takes longer than this can be taken over by another replica. */
  leaseMs: number;
  /** How often every replica looks for runs nobody did (a replica died, a hand-raised incident). */
  sweepSeconds: number;
}

/** Timeline entries that mean an incident grew (or opened). */
const GROWTH = new Set<IncidentEventType>(['opened', 'signal', 'correlated']);
/** Incident changes are gathered this long before they are written. */
const FLUSH_MS = 1000;
/** A failed run is tried again after this, at most this many times. */
const RETRY_MS = 30_000;
const MAX_ATTEMPTS = 3;

/**
 * Runs incidents' RCAs after the transaction that opened or grew them has
 * committed (ingestion, or a person raising an incident), never inside it. Requests go to a database queue (one row
 * per incident, debounced), so a burst of signals makes one run, and a
 * replica runs a request only after claiming it with a lease, so with
 * several replicas each run happens once. A local timer runs due requests
 * promptly; a periodic sweep catches what no replica ran, incidents raised
 * by hand, and remediation outcomes to learn from.
 */
export class RcaScheduler {
  private readonly owner = `${os.hostname()}-${process.pid}-${crypto
    .randomBytes(4)
    .toString('hex')}`;
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private readonly incoming = new Set<string>();
  private readonly outcomes = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;
  private readonly foreground: ForegroundWork;

  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      runner: IncidentRcaRunner;
      learning: RemediationLearning;
      logger: LoggerService;
      options: RcaSchedulerOptions;
      /** Ingestion, which each run waits for to be idle (for a bounded time). */
      foreground?: ForegroundWork;
    },
  ) {
    this.foreground = deps.foreground ?? new ForegroundWork();
  }

  /**
   * Told of every committed incident change (the database's after-commit
   * hook): an incident that opened, took a signal, correlated another
   * service or reopened gets an RCA run; one that changed state is checked
   * for remediation outcomes to learn from. Returns at once: the work is
   * gathered for up to a second (a stream of ingest batches costs the
   * database one round of writes a second, not one per batch) and done in
   * the background.
   */
  incidentsChanged(changes: IncidentChange[]): void {
    for (const change of changes) {
      const reopened = change.type === 'state' && change.data?.to === 'open';
      if (GROWTH.has(change.type) || reopened) {
        this.incoming.add(change.incidentId);
      }
      if (change.type === 'state') this.outcomes.add(change.incidentId);
    }
    if (this.flushTimer || this.stopped) return;
    if (this.incoming.size === 0 && this.outcomes.size === 0) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const ids = [...this.incoming];
      const decided = [...this.outcomes];
      this.incoming.clear();
      this.outcomes.clear();
      this.request(ids)
        .then(async () => {
          for (const id of decided) await this.deps.learning.reconcile(id);
        })
        .catch(error =>
          this.deps.logger.warn(`Could not queue RCA runs: ${error}`),
        );
    }, Math.min(FLUSH_MS, this.deps.options.debounceMs));
    this.flushTimer.unref?.();
  }

  /** Writes the requests and arms the timer. */
  async request(incidentIds: string[], now = new Date()): Promise<void> {
    const { rcaRequests } = this.deps.database.stores;
    for (const id of incidentIds) {
      await rcaRequests.request(id, {
        now,
        debounceMs: this.deps.options.debounceMs,
        maxDelayMs: this.deps.options.maxDelayMs,
      });
    }
    this.arm(this.deps.options.debounceMs);
  }

  /** Claims and runs the due requests; returns how many ran. */
  processDue(now = new Date()): Promise<number> {
    if (this.running) {
      // One batch at a time per replica; re-check when it ends.
      return this.running.then(() => this.processDue(new Date()));
    }
    this.running = this.runDue(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Queues incidents without an RCA, learns from outcomes, runs what is due. */
  async sweep(now = new Date()): Promise<void> {
    const { rca, rcaRequests } = this.deps.database.stores;
    const missing = await rca.listIncidentsWithoutRca(
      new Date(now.getTime() - 24 * 3600_000),
      100,
    );
    for (const id of missing) {
      await rcaRequests.request(id, { now, debounceMs: 0, maxDelayMs: 0 });
    }
    await this.deps.learning.reconcileAll();
    await this.processDue(now);
  }

  /**
   * Takes no more work and waits for the run in progress; the requests of
   * its batch not yet started stay claimed until their lease ends, for
   * another replica (or this one, restarted).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.flushTimer);
    await this.running;
  }

  /** Schedules the sweep and stops on shutdown. */
  async start(options: {
    scheduler: SchedulerService;
    lifecycle: LifecycleService;
  }): Promise<void> {
    options.lifecycle.addShutdownHook(() => this.stop());
    await options.scheduler.scheduleTask({
      id: 'cloudops-rca-sweep',
      scope: 'local',
      frequency: { seconds: this.deps.options.sweepSeconds },
      timeout: { minutes: 10 },
      initialDelay: { seconds: this.deps.options.sweepSeconds },
      fn: () => this.sweep(),
    });
  }

  private async runDue(now: Date): Promise<number> {
    const { rcaRequests } = this.deps.database.stores;
    const claimed = await rcaRequests.claimDue({
      now,
      owner: this.owner,
      leaseMs: this.deps.options.leaseMs,
      limit: 20,
    });
    const reads = new SharedReads();
    try {
      for (const request of claimed) {
        if (this.stopped) break;
        // On SQLite every query of a run completes synchronously: without a
        // turn of the event loop between runs, a batch of them would hold up
        // every request (ingestion, the portal) until the last one ends. A run
        // also waits while signal batches are being committed.
        await this.foreground.idle();
        try {
          await this.deps.runner.run(request.incidentId, new Date(), reads);
          await rcaRequests.finish(request, this.owner);
        } catch (error) {
          this.deps.logger.warn(
            `RCA of incident ${request.incidentId} failed (attempt ${request.attempts}): ${error}`,
          );
          if (request.attempts >= MAX_ATTEMPTS) {
            await rcaRequests.finish(request, this.owner);
          } else {
            await rcaRequests.release(
              request,
              this.owner,
              new Date(now.getTime() + RETRY_MS),
            );
          }
        }
      }
    } finally {
      reads.close();
    }
    const next = await rcaRequests.nextDue();
    if (next) this.arm(Math.max(0, next.getTime() - Date.now()));
    return claimed.length;
  }

  /** Runs due requests in `delayMs`, unless a run is armed sooner already. */
  private arm(delayMs: number) {
    const at = Date.now() + delayMs;
    if (this.stopped || at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timerAt = Infinity;
      this.processDue().catch(error =>
        this.deps.logger.warn(`RCA runs failed: ${error}`),
      );
    }, delayMs);
    this.timer.unref?.();
  }
}
