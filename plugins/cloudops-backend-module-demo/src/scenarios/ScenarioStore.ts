import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Scenario, ScenarioKind } from './scenario';

const TABLE = 'cloudops_demo_scenarios';
/** The module keeps its own migration history beside the plugin's. */
const MIGRATIONS_TABLE = 'cloudops_demo_knex_migrations';
const migrationsDir = resolvePackagePath(
  '@cloudops-ai/backstage-plugin-cloudops-backend-module-demo',
  'migrations',
);

/** The id column's form (a UUID column on PostgreSQL, which refuses anything else). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How long after its end a scenario can still matter (fading, OOM memory, alert hold). */
const TAIL_MS = 30 * 60_000;

interface ScenarioRow {
  id: string;
  kind: string;
  target: string;
  node: string | null;
  started_at: number | string;
  ends_at: number | string;
  ended_at: number | string | null;
  ended_by: string | null;
  requested_by: string;
}

function toScenario(row: ScenarioRow): Scenario {
  return {
    id: row.id,
    kind: row.kind as ScenarioKind,
    target: row.target,
    node: row.node ?? undefined,
    startedAt: Number(row.started_at),
    endsAt: Number(row.ends_at),
    endedAt: row.ended_at === null ? undefined : Number(row.ended_at),
    endedBy: row.ended_by ?? undefined,
    requestedBy: row.requested_by,
  };
}

/**
 * The injected scenarios, in the plugin's database so that every replica
 * simulates the same fleet and an executor on any replica can end a fault.
 */
export class ScenarioStore {
  static async create(database: DatabaseService): Promise<ScenarioStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new ScenarioStore(client);
  }

  constructor(private readonly db: Knex) {}

  async add(scenario: Scenario, createdAt: Date): Promise<void> {
    await this.db(TABLE).insert({
      id: scenario.id,
      kind: scenario.kind,
      target: scenario.target,
      node: scenario.node ?? null,
      started_at: scenario.startedAt,
      ends_at: scenario.endsAt,
      ended_at: scenario.endedAt ?? null,
      ended_by: scenario.endedBy ?? null,
      requested_by: scenario.requestedBy,
      created_at: createdAt,
    });
  }

  /** The scenario, or undefined when there is none (or `id` is no UUID). */
  async get(id: string): Promise<Scenario | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await this.db<ScenarioRow>(TABLE).where({ id }).first();
    return row ? toScenario(row) : undefined;
  }

  /** Scenarios that have effects anywhere in [from, to], oldest first. */
  async overlapping(from: number, to: number): Promise<Scenario[]> {
    const since = from - TAIL_MS;
    const rows = await this.db<ScenarioRow>(TABLE)
      .where('started_at', '<=', to)
      .andWhere(q =>
        q
          .where('ended_at', '>=', since)
          .orWhere(q2 =>
            q2.whereNull('ended_at').andWhere('ends_at', '>=', since),
          ),
      )
      .orderBy('started_at', 'asc');
    return rows.map(toScenario);
  }

  /** The latest scenarios, newest first. */
  async recent(limit: number): Promise<Scenario[]> {
    const rows = await this.db<ScenarioRow>(TABLE)
      .orderBy('started_at', 'desc')
      .limit(limit);
    return rows.map(toScenario);
  }

  /**
   * Ends a scenario that is still running at `at`; returns it as ended, or
   * undefined when it had already ended (by then) or does not exist.
   */
  async end(id: string, at: number, by: string): Promise<Scenario | undefined> {
    const changed = await this.db(TABLE)
      .where({ id })
      .whereNull('ended_at')
      .andWhere('ends_at', '>', at)
      .andWhere('started_at', '<=', at)
      .update({ ended_at: at, ended_by: by });
    return changed ? this.get(id) : undefined;
  }
}
