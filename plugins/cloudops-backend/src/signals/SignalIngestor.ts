import { LoggerService } from '@backstage/backend-plugin-api';
import {
  IncidentSeverity,
  INCIDENT_SEVERITIES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase, CloudopsStores } from '../database/CloudopsDatabase';
import { StoredSignal } from '../database/SignalStore';
import { AlertTransition, Correlator } from '../incidents/Correlator';
import { RuleEngine, RuleEvaluation } from '../rules/RuleEngine';
import { ForegroundWork } from '../scheduling/ForegroundWork';
import { isTransientStoreError } from '../database/isTransientStoreError';
import { isUniqueViolation } from '../database/isUniqueViolation';
import { normalizeSignal } from './normalizeSignal';

/** What happened to one batch. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Incidents opened, joined, reopened or resolved by this batch. */
  incidentIds: string[];
}

const ATTEMPTS = 3;
/**
 * The most signals one group-commit transaction takes. In-process (SQLite)
 * a transaction holds the Node.js thread from start to commit, so this
 * bounds how long one holds up every other request (about 20 ms for 200
 * signals); larger groups did not raise the rate there. Over the network
 * (PostgreSQL) the thread is free while statements run, and larger groups
 * share the round trips of one transaction.
 */
const GROUP_LIMIT = { inProcess: 200, overNetwork: 2000 };

/** A batch waiting for its transaction. */
interface Waiting {
  signals: StoredSignal[];
  actor: string;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

function severityFromLabels(labels: Record<string, string>): IncidentSeverity {
  const value = (labels.severity ?? '').toLocaleLowerCase('en-US');
  if ((INCIDENT_SEVERITIES as readonly string[]).includes(value)) {
    return value as IncidentSeverity;
  }
  return value === 'error' || value === 'major' ? 'high' : 'warning';
}

/**
 * The ingestion path: normalize → store (deduplicated by content) → link to
 * an entity → evaluate rules → correlate into incidents, all in one
 * transaction per batch, so a batch is stored whole or not at all and is
 * acknowledged only after it is committed.
 *
 * Transactions run one at a time per replica (the rule state is shared and
 * SQLite has one writer); batches that arrive meanwhile share the next one.
 * Transitions of an attempt that failed to commit are kept and applied
 * before the next one, so a database hiccup delays an incident but never
 * drops it; a kept transition that fails again on its own while the
 * database is up is dropped and logged, so it cannot stop ingestion.
 */
export class SignalIngestor {
  private queue: Promise<unknown> = Promise.resolve();
  private pending: AlertTransition[] = [];
  private waiting: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly options: {
      database: CloudopsDatabase;
      catalog: CatalogSnapshot;
      rules: RuleEngine;
      correlator: Correlator;
      logger: LoggerService;
      /** Alerts no rule matches still open incidents (severity from their labels). */
      alertsWithoutRule: boolean;
      /** Told of the signals of each committed batch, after the commit. */
      onCommitted?: (signals: StoredSignal[]) => void;
      /** Background work (the RCA) gives way while batches wait or commit. */
      foreground?: ForegroundWork;
    },
  ) {}

  /**
   * Stores and processes one batch from `actor` (a user or service ref).
   * Just after a start it first waits for the catalog's first read (bounded,
   * see {@link CatalogSnapshot.firstRead}), so its signals find their
   * entities and the rules' entity selectors see them.
   */
  async ingest(inputs: SignalInput[], actor: string): Promise<IngestResult> {
    const normalized = inputs.map(normalizeSignal);
    if (!this.options.catalog.builtAt) {
      await this.options.catalog.firstRead;
    }
    const signals = normalized.map(signal => {
      const entity = this.options.catalog.index.resolve(signal);
      return { ...signal, entityRef: entity?.ref ?? signal.entityRef };
    });
    return new Promise((resolve, reject) => {
      this.waiting.push({ signals, actor, resolve, reject });
      this.drain();
    });
  }

  /** Time passes: absent-data rules get their chance to fire. */
  tick(now: Date): Promise<IngestResult> {
    return this.serially(async () => {
      const { incidentIds } = await this.commit(async () =>
        this.transitions(await this.options.rules.tick(now.getTime())),
      );
      return {
        accepted: 0,
        duplicates: 0,
        incidentIds: [...new Set(incidentIds.values())],
      };
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Group commit: batches that arrive while a transaction is running wait
   * and then go into the next transaction together (up to a limit), each
   * answered with its own result once that transaction commits.
   */
  private drain() {
    if (this.draining) return;
    this.draining = true;
    const done = this.options.foreground?.start();
    const next = async (): Promise<void> => {
      const group: Waiting[] = [];
      let size = 0;
      const limit = this.options.database.runsInProcess
        ? GROUP_LIMIT.inProcess
        : GROUP_LIMIT.overNetwork;
      while (this.waiting.length > 0 && size < limit) {
        const batch = this.waiting.shift()!;
        group.push(batch);
        size += batch.signals.length;
      }
      if (group.length === 0) {
        this.draining = false;
        done?.();
        return;
      }
      try {
        const results = await this.serially(() => this.store(group));
        group.forEach((batch, i) => batch.resolve(results[i]));
      } catch (error) {
        group.forEach(batch => batch.reject(error));
      }
      await next();
    };
    next();
  }

  private async store(group: Waiting[]): Promise<IngestResult[]> {
    let accepted: StoredSignal[][] = [];
    const { incidentIds } = await this.commit(async stores => {
      const now = new Date();
      const fresh = await stores.signals.insertNew(
        group.flatMap(batch => batch.signals),
        now,
      );
      // A signal is accepted once, by the first batch of the group that has it.
      const taken = new Set<string>();
      accepted = group.map(batch =>
        batch.signals.filter(
          s => fresh.has(s.id) && !taken.has(s.id) && Boolean(taken.add(s.id)),
        ),
      );
      for (const [i, batch] of group.entries()) {
        await stores.audit.append(
          {
            action: 'signals-ingest',
            actor: batch.actor,
            outcome: 'succeeded',
            meta: {
              received: batch.signals.length,
              accepted: accepted[i].length,
            },
          },
          now,
        );
      }
      // Judged in time order: a series is judged forward only, and senders
      // may put a batch's points in any order. Stored times are ISO 8601 in
      // UTC (normalizeSignal), which sort as text: no parsing per comparison
      // on this path.
      const judged = accepted
        .flat()
        .sort((a, b) =>
          a.timestamp < b.timestamp ? -1 : Number(a.timestamp > b.timestamp),
        );
      const transitions: AlertTransition[] = [];
      for (const signal of judged) {
        transitions.push(...(await this.evaluate(signal)));
      }
      return transitions;
    });
    this.options.onCommitted?.(accepted.flat());
    return group.map((batch, i) => ({
      accepted: accepted[i].length,
      duplicates: batch.signals.length - accepted[i].length,
      incidentIds: [
        ...new Set(
          batch.signals.flatMap(s => {
            const id = incidentIds.get(s.id);
            return id ? [id] : [];
          }),
        ),
      ],
    }));
  }

  /** The alert transitions one new signal causes. */
  private async evaluate(signal: StoredSignal): Promise<AlertTransition[]> {
    const entity = signal.entityRef
      ? this.options.catalog.index.get(signal.entityRef)
      : undefined;
    const context = {
      entity: entity?.entity,
      environment: entity?.environment,
    };
    const found = await this.options.rules.evaluate(signal, context);
    if (
      found.length === 0 &&
      signal.kind === 'alert' &&
      this.options.alertsWithoutRule &&
      !this.options.rules.matchesAnyRule(signal, context)
    ) {
      return [this.unruledAlert(signal)];
    }
    return this.transitions(found);
  }

  /**
   * Applies the transitions `evaluate` produces in one transaction, retrying
   * on a unique-key race with another replica; transitions kept from
   * attempts that failed are applied first ({@link applyKept}). Returns
   * which incident each signal's transition touched.
   */
  private async commit(
    evaluate: (stores: CloudopsStores) => Promise<AlertTransition[]>,
  ): Promise<{ incidentIds: Map<string, string> }> {
    const touched = new Map<string, string>();
    for (let attempt = 1; ; attempt++) {
      await this.applyKept(touched);
      let produced: AlertTransition[] = [];
      try {
        const committed = await this.options.database.transaction(
          async stores => {
            produced = await evaluate(stores);
            const ids = new Map<string, string>();
            for (const transition of produced) {
              const incident = await this.options.correlator.apply(
                stores,
                transition,
              );
              if (incident) ids.set(transition.signalId, incident.id);
            }
            return ids;
          },
        );
        // Only what committed: an attempt rolled back touched nothing.
        committed.forEach((incidentId, signalId) =>
          touched.set(signalId, incidentId),
        );
        return { incidentIds: touched };
      } catch (error) {
        // The rule engine counts these as having happened: keep them.
        this.pending.push(...produced);
        if (attempt >= ATTEMPTS || !isUniqueViolation(error)) {
          this.options.logger.warn(
            `Signal batch not committed (${this.pending.length} alert transition(s) kept for the next batch): ${error}`,
          );
          throw error;
        }
      }
    }
  }

  /**
   * Applies the transitions kept from commits that failed, oldest first,
   * each in a transaction of its own. One that fails again while the store
   * is up is at fault itself (a value its column refuses): it is logged and
   * dropped, so it cannot fail every later batch. While the store is
   * unavailable they all stay, and the batch fails with them.
   */
  private async applyKept(touched: Map<string, string>): Promise<void> {
    while (this.pending.length > 0) {
      const transition = this.pending[0];
      try {
        const incident = await this.options.database.transaction(stores =>
          this.options.correlator.apply(stores, transition),
        );
        if (incident) touched.set(transition.signalId, incident.id);
      } catch (error) {
        // A unique-key race with another replica may go the other way next.
        if (isTransientStoreError(error) || isUniqueViolation(error)) {
          throw error;
        }
        this.options.logger.error(
          `Dropped the ${transition.status} transition of ${transition.dedupKey} (signal ${transition.signalId}): it cannot be stored: ${error}`,
        );
      }
      this.pending.shift();
    }
  }

  private transitions(evaluations: RuleEvaluation[]): AlertTransition[] {
    return evaluations.map(evaluation => {
      const signal = evaluation.signal as StoredSignal;
      return {
        status: evaluation.status,
        dedupKey: evaluation.dedupKey,
        ruleId: evaluation.rule.id,
        severity: evaluation.severity,
        title: evaluation.title,
        reason: evaluation.reason,
        labels: evaluation.labels,
        entityRef: signal.entityRef,
        account: signal.account,
        signalId: signal.id,
        signalFingerprint: signal.fingerprint,
        at: new Date(signal.timestamp),
      };
    });
  }

  /** An alert no rule matched: its own labels say how severe it is. */
  private unruledAlert(signal: StoredSignal): AlertTransition {
    return {
      status: signal.status === 'resolved' ? 'resolved' : 'firing',
      dedupKey: `alert:${signal.fingerprint}`,
      severity: severityFromLabels(signal.labels),
      title:
        signal.labels.summary ??
        signal.message ??
        `${signal.name} on ${
          signal.entityRef ?? signal.resource ?? signal.fingerprint
        }`,
      reason: `${signal.source} alert ${signal.name} is ${
        signal.status ?? 'firing'
      }`,
      labels: signal.labels,
      entityRef: signal.entityRef,
      account: signal.account,
      signalId: signal.id,
      signalFingerprint: signal.fingerprint,
      at: new Date(signal.timestamp),
    };
  }
}
