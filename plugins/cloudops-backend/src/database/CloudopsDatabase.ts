import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { setImmediate } from 'node:timers/promises';
import { Knex } from 'knex';
import { runsInProcess } from './runsInProcess';
import { readerConfig } from './readerConfig';
import { AuditStore } from './AuditStore';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { DatabaseDetectorRunStore } from './DatabaseDetectorRunStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseDetectorStateStore } from './DatabaseDetectorStateStore';
import { DatabaseRcaRequestStore } from './DatabaseRcaRequestStore';
import { DatabaseRcaStore } from './DatabaseRcaStore';
import { DatabaseOutboxStore } from './DatabaseOutboxStore';
import { DatabaseRemediationLearningStore } from './DatabaseRemediationLearningStore';
import { DatabaseOpportunityStore } from './DatabaseOpportunityStore';
import { DatabaseRemediationStore } from './DatabaseRemediationStore';
import { DatabaseSavingsReportStore } from './DatabaseSavingsReportStore';
import { DatabaseSignalStore } from './DatabaseSignalStore';
import { DetectorRunStore } from './DetectorRunStore';
import { DetectorStateStore } from './DetectorStateStore';
import { IncidentChange, IncidentChangeHooks } from './IncidentChanges';
import { IncidentDailyCounts } from './IncidentDailyCounts';
import { IncidentStore } from './IncidentStore';
import { RcaRequestStore } from './RcaRequestStore';
import { RcaStore } from './RcaStore';
import { OutboxStore } from './OutboxStore';
import { RemediationLearningStore } from './RemediationLearningStore';
import { OpportunityStore } from './OpportunityStore';
import { RemediationStore } from './RemediationStore';
import { SavingsReportStore } from './SavingsReportStore';
import { SignalStore } from './SignalStore';
import { tuneSqlite } from './tuneSqlite';

/** The plugin's dated knex migrations. */
export const migrationsDir = resolvePackagePath(
  '@cloudops-ai/backstage-plugin-cloudops-backend',
  'migrations',
);

/** The stores, all bound to one connection or one transaction. */
export interface CloudopsStores {
  incidents: IncidentStore;
  signals: SignalStore;
  audit: AuditStore;
  rca: RcaStore;
  rcaRequests: RcaRequestStore;
  /** Remediation actions and their learned success per incident signature. */
  remediationLearning: RemediationLearningStore;
  detectorRuns: DetectorRunStore;
  outbox: OutboxStore;
  remediations: RemediationStore;
  opportunities: OpportunityStore;
  savingsReports: SavingsReportStore;
}

/**
 * The plugin's database: runs the migrations and hands out stores, either on
 * the pool or inside one transaction so a change and its consequences
 * (timeline, audit, outbox) commit together. Incident changes are made in
 * transactions; the timeline entries a transaction writes are handed to the
 * registered {@link IncidentChangeHooks} before and after it commits.
 */
export class CloudopsDatabase {
  static async create(options: {
    database: DatabaseService;
    logger?: LoggerService;
  }): Promise<CloudopsDatabase> {
    const client = await options.database.getClient();
    await tuneSqlite(client, { logger: options.logger });
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new CloudopsDatabase(client, options.logger);
  }

  readonly stores: CloudopsStores;
  /**
   * The database runs inside this process (SQLite): each statement holds the
   * Node.js thread until it completes, and a transaction holds it from start
   * to commit (its statements never wait on the network).
   */
  readonly runsInProcess: boolean;
  /** Detector snapshots: written in the background, outside transactions. */
  readonly detectorStates: DetectorStateStore;
  private readonly hooks: IncidentChangeHooks[] = [];

  private constructor(
    private readonly db: Knex,
    private readonly logger?: LoggerService,
  ) {
    this.stores = CloudopsDatabase.bind(db);
    this.runsInProcess = runsInProcess(db);
    this.detectorStates = new DatabaseDetectorStateStore(db);
  }

  /**
   * How another thread opens a connection of its own to read this database
   * (see {@link readerConfig}); undefined where it cannot. Made anew on each
   * call, so that the settings (and password) are not kept where they could
   * be logged.
   */
  readerConfig(): Knex.Config | undefined {
    return readerConfig(this.db);
  }

  /** Registers work to do with the incident changes of every transaction. */
  onIncidentChanges(hooks: IncidentChangeHooks): void {
    this.hooks.push(hooks);
  }

  async transaction<T>(
    work: (stores: CloudopsStores) => Promise<T>,
  ): Promise<T> {
    let changes: IncidentChange[] = [];
    const result = await this.db.transaction(async trx => {
      changes = [];
      const counts = new IncidentDailyCounts();
      const stores = CloudopsDatabase.bind(trx, changes, counts);
      const value = await work(stores);
      for (const hook of this.hooks) {
        if (changes.length > 0 && hook.beforeCommit) {
          await hook.beforeCommit(stores, [...changes]);
        }
      }
      await counts.flush(trx);
      return value;
    });
    for (const hook of this.hooks) {
      if (changes.length > 0 && hook.afterCommit) {
        try {
          await hook.afterCommit([...changes]);
        } catch (error) {
          this.logger?.error(`Incident change hook failed: ${error}`);
        }
      }
    }
    if (this.runsInProcess) {
      // In-process, a transaction never gave the thread up: requests that
      // arrived meanwhile go before the caller's next one.
      await setImmediate();
    }
    return result;
  }

  private static bind(
    db: Knex | Knex.Transaction,
    changes?: IncidentChange[],
    counts?: IncidentDailyCounts,
  ): CloudopsStores {
    return {
      incidents: new DatabaseIncidentStore(db, changes, counts),
      signals: new DatabaseSignalStore(db),
      audit: new DatabaseAuditStore(db),
      rca: new DatabaseRcaStore(db),
      rcaRequests: new DatabaseRcaRequestStore(db),
      remediationLearning: new DatabaseRemediationLearningStore(db),
      detectorRuns: new DatabaseDetectorRunStore(db),
      outbox: new DatabaseOutboxStore(db),
      remediations: new DatabaseRemediationStore(db),
      opportunities: new DatabaseOpportunityStore(db),
      savingsReports: new DatabaseSavingsReportStore(db),
    };
  }
}
