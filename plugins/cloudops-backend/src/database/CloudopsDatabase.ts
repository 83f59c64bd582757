import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { AuditStore } from './AuditStore';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseRcaRequestStore } from './DatabaseRcaRequestStore';
import { DatabaseRcaStore } from './DatabaseRcaStore';
import { DatabaseRemediationStore } from './DatabaseRemediationStore';
import { DatabaseSignalStore } from './DatabaseSignalStore';
import { IncidentStore } from './IncidentStore';
import { RcaRequestStore } from './RcaRequestStore';
import { RcaStore } from './RcaStore';
import { RemediationStore } from './RemediationStore';
import { SignalStore } from './SignalStore';
import { tuneSqlite } from './tuneSqlite';

const migrationsDir = resolvePackagePath(
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
  remediations: RemediationStore;
}

/**
 * The plugin's database: runs the migrations and hands out stores, either on
 * the pool or inside one transaction so a change and its consequences
 * (timeline, audit, outbox) commit together.
 */
export class CloudopsDatabase {
  static async create(options: {
    database: DatabaseService;
  }): Promise<CloudopsDatabase> {
    const client = await options.database.getClient();
    await tuneSqlite(client);
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new CloudopsDatabase(client);
  }

  readonly stores: CloudopsStores;

  private constructor(private readonly db: Knex) {
    this.stores = CloudopsDatabase.bind(db);
  }

  transaction<T>(work: (stores: CloudopsStores) => Promise<T>): Promise<T> {
    return this.db.transaction(trx => work(CloudopsDatabase.bind(trx)));
  }

  private static bind(db: Knex | Knex.Transaction): CloudopsStores {
    return {
      incidents: new DatabaseIncidentStore(db),
      signals: new DatabaseSignalStore(db),
      audit: new DatabaseAuditStore(db),
      rca: new DatabaseRcaStore(db),
      rcaRequests: new DatabaseRcaRequestStore(db),
      remediations: new DatabaseRemediationStore(db),
    };
  }
}
