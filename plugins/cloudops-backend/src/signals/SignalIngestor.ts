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
 * Batches are processed one at a time per replica (the rule state is shared
 * and SQLite has one writer). Transitions of an attempt that failed to commit
 * are kept and applied by the next one, so a database hiccup delays an
 * incident but never drops it.
 */
export class SignalIngestor {
  private queue: Promise<unknown> = Promise.resolve();
  private pending: AlertTransition[] = [];

  constructor(
    private readonly options: {
      database: CloudopsDatabase;
      catalog: CatalogSnapshot;
      rules: RuleEngine;
      correlator: Correlator;
      logger: LoggerService;
      /** Alerts no rule matches still open incidents (severity from their labels). */
      alertsWithoutRule: boolean;
    },
  ) {}

  /** Stores and processes one batch from `actor` (a user or service ref). */
  ingest(inputs: SignalInput[], actor: string): Promise<IngestResult> {
    const signals = inputs.map(normalizeSignal).map(signal => {
      const entity = this.options.catalog.index.resolve(signal);
      return { ...signal, entityRef: entity?.ref ?? signal.entityRef };
    });
    return this.serially(() => this.store(signals, actor));
  }

  /** Time passes: absent-data rules get their chance to fire. */
  tick(now: Date): Promise<IngestResult> {
    return this.serially(() =>
      this.commit(
        async () =>
          this.transitions(await this.options.rules.tick(now.getTime())),
        () => ({
          accepted: 0,
          duplicates: 0,
        }),
      ),
    );
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async store(
    signals: StoredSignal[],
    actor: string,
  ): Promise<IngestResult> {
    let fresh = new Set<string>();
    return this.commit(
      async stores => {
        const now = new Date();
        fresh = await stores.signals.insertNew(signals, now);
        await stores.audit.append(
          {
            action: 'signals-ingest',
            actor,
            outcome: 'succeeded',
            meta: { received: signals.length, accepted: fresh.size },
          },
          now,
        );
        const transitions: AlertTransition[] = [];
        for (const signal of signals.filter(s => fresh.has(s.id))) {
          const entity = signal.entityRef
            ? this.options.catalog.index.get(signal.entityRef)
            : undefined;
          const found = await this.options.rules.evaluate(signal, {
            entity: entity?.entity,
            environment: entity?.environment,
          });
          transitions.push(...this.transitions(found));
          if (
            found.length === 0 &&
            signal.kind === 'alert' &&
            this.options.alertsWithoutRule
          ) {
            transitions.push(this.unruledAlert(signal));
          }
        }
        return transitions;
      },
      () => ({ accepted: fresh.size, duplicates: signals.length - fresh.size }),
    );
  }

  /**
   * Applies the transitions `evaluate` produces (plus any left from a failed
   * attempt) in one transaction, retrying on a unique-key race with another
   * replica.
   */
  private async commit(
    evaluate: (stores: CloudopsStores) => Promise<AlertTransition[]>,
    counts: () => Omit<IngestResult, 'incidentIds'>,
  ): Promise<IngestResult> {
    for (let attempt = 1; ; attempt++) {
      let transitions: AlertTransition[] = [];
      try {
        const incidentIds = await this.options.database.transaction(
          async stores => {
            transitions = [...this.pending, ...(await evaluate(stores))];
            const touched = new Set<string>();
            for (const transition of transitions) {
              const incident = await this.options.correlator.apply(
                stores,
                transition,
              );
              if (incident) touched.add(incident.id);
            }
            return [...touched];
          },
        );
        this.pending = [];
        return { ...counts(), incidentIds };
      } catch (error) {
        this.pending = transitions;
        if (attempt >= ATTEMPTS || !isUniqueViolation(error)) {
          this.options.logger.warn(
            `Signal batch not committed (${transitions.length} alert transition(s) kept for the next batch): ${error}`,
          );
          throw error;
        }
      }
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
      at: new Date(signal.timestamp),
    };
  }
}
