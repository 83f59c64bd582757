import crypto from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  Incident,
  IncidentList,
  IncidentSeverity,
  IncidentState,
  NewIncident,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import { IncidentStore, ListIncidentsOptions } from './IncidentStore';

const migrationsDir = resolvePackagePath(
  '@cloudops-ai/backstage-plugin-cloudops-backend',
  'migrations',
);

type IncidentRow = {
  id: string;
  title: string;
  description: string | null;
  severity: string;
  state: string;
  entity_ref: string | null;
  created_by: string;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

/** PostgreSQL returns Date; SQLite returns epoch milliseconds or a string. */
function toIso(value: Date | string | number): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    return new Date(Number(value)).toISOString();
  }
  return new Date(value).toISOString();
}

function fromRow(row: IncidentRow): Incident {
  return {
    id: row.id,
    title: row.title,
    description: row.description ?? undefined,
    severity: row.severity as IncidentSeverity,
    state: row.state as IncidentState,
    entityRef: row.entity_ref ?? undefined,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The knex implementation of {@link IncidentStore}: SQLite or PostgreSQL. */
export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseIncidentStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseIncidentStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async createIncident(
    incident: NewIncident & { createdBy: string },
  ): Promise<Incident> {
    const now = new Date();
    const row: IncidentRow = {
      id: crypto.randomUUID(),
      title: incident.title,
      description: incident.description ?? null,
      severity: incident.severity,
      state: 'open',
      entity_ref: incident.entityRef ?? null,
      created_by: incident.createdBy,
      created_at: now,
      updated_at: now,
    };
    await this.db<IncidentRow>('incidents').insert(row);
    return fromRow(row);
  }

  async listIncidents(options: ListIncidentsOptions): Promise<IncidentList> {
    const filtered = this.db<IncidentRow>('incidents').modify(query => {
      if (options.entityRef) {
        query.where('entity_ref', options.entityRef);
      }
    });
    const [rows, [{ count }]] = await Promise.all([
      filtered
        .clone()
        .select('*')
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(options.limit)
        .offset(options.offset),
      filtered.clone().count<{ count: string | number }[]>({ count: '*' }),
    ]);
    return { items: rows.map(fromRow), totalCount: Number(count) };
  }
}
