import { ValidationResult } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import fs from 'node:fs/promises';
import { migrationsDir } from '../database/CloudopsDatabase';

const CHECK = 'database';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '']);

type Connection = {
  host?: string;
  port?: number | string;
  database?: string;
  filename?: string;
  connectionString?: string;
};

function connectionOf(db: Knex): { client: string; connection: Connection } {
  const config = db.client.config as Knex.Config;
  const raw = config.connection as unknown;
  let connection: Connection = {};
  if (typeof raw === 'string') {
    connection = { connectionString: raw };
  } else if (raw && typeof raw === 'object') {
    connection = raw as Connection;
  }
  if (connection.connectionString) {
    try {
      const url = new URL(connection.connectionString);
      connection = {
        host: url.hostname,
        port: url.port,
        database: url.pathname.replace(/^\//, ''),
      };
    } catch {
      // Not a URL (a libpq key=value string): described by the client only.
    }
  }
  return { client: String(config.client), connection };
}

/**
 * Where the plugin's database is, without credentials:
 * `PostgreSQL backstage_plugin_cloudops on db.internal:5432` or
 * `SQLite :memory:`.
 */
export function describeDatabase(db: Knex): string {
  const { client, connection } = connectionOf(db);
  if (client.includes('sqlite')) {
    return `SQLite ${connection.filename ?? ':memory:'}`;
  }
  const where = connection.host
    ? ` on ${connection.host}${connection.port ? `:${connection.port}` : ''}`
    : '';
  return `PostgreSQL ${connection.database ?? ''}${where}`.replace(/\s+/g, ' ');
}

async function appliedMigrations(db: Knex): Promise<string[] | undefined> {
  if (!(await db.schema.hasTable('knex_migrations'))) return undefined;
  const rows = await db('knex_migrations').select('name').orderBy('id');
  return rows.map(row => String(row.name));
}

async function migrationLocked(db: Knex): Promise<boolean> {
  if (!(await db.schema.hasTable('knex_migrations_lock'))) return false;
  const row = await db('knex_migrations_lock').first('is_locked');
  return Number(row?.is_locked ?? 0) === 1;
}

/**
 * Compares the migrations this version ships with those the database has
 * applied, reading only (knex's own `migrate.list` would create its
 * tables).
 */
async function migrationState(
  db: Knex,
  skipMigrations: boolean,
): Promise<Omit<ValidationResult, 'check' | 'target'>> {
  const shipped = (await fs.readdir(migrationsDir))
    .filter(file => /\.(js|cjs|mjs|ts)$/.test(file))
    .sort();
  const applied = await appliedMigrations(db);
  if (applied === undefined) {
    return skipMigrations
      ? {
          status: 'fail',
          detail:
            'no CloudOps tables, and migrations are skipped (backend.database skipMigrations): run the migrations or let the backend run them',
        }
      : {
          status: 'pass',
          detail: `empty: the backend creates its tables (${shipped.length} migrations) when it starts`,
        };
  }
  const unknown = applied.filter(name => !shipped.includes(name));
  if (unknown.length > 0) {
    return {
      status: 'fail',
      detail: `the database has migrations this version does not ship (${unknown.join(
        ', ',
      )}): a newer CloudOps ran against it; upgrade this backend`,
    };
  }
  const pending = shipped.filter(name => !applied.includes(name));
  if (await migrationLocked(db)) {
    return {
      status: 'warn',
      detail: `the migration lock is held: a backend is migrating now, or one died while migrating (then clear knex_migrations_lock); ${applied.length} applied, ${pending.length} pending`,
    };
  }
  if (pending.length === 0) {
    return {
      status: 'pass',
      detail: `up to date (${applied.length} migrations applied)`,
    };
  }
  return skipMigrations
    ? {
        status: 'fail',
        detail: `${pending.length} migrations pending (${pending.join(
          ', ',
        )}) and migrations are skipped (backend.database skipMigrations)`,
      }
    : {
        status: 'pass',
        detail: `${applied.length} applied, ${pending.length} pending: the backend applies them when it starts`,
      };
}

async function serverVersion(db: Knex, sqlite: boolean): Promise<string> {
  if (sqlite) {
    const rows = await db.raw('select sqlite_version() as version');
    return `SQLite ${rows[0]?.version}`;
  }
  const result = await db.raw('show server_version');
  return `PostgreSQL ${result.rows[0]?.server_version}`;
}

/** Whether this session to PostgreSQL is encrypted, from pg_stat_ssl. */
async function encryption(
  db: Knex,
  host: string | undefined,
): Promise<Omit<ValidationResult, 'check'>> {
  const result = await db.raw(
    'select ssl, version, cipher from pg_stat_ssl where pid = pg_backend_pid()',
  );
  const row = result.rows[0];
  const target = 'connection encryption';
  if (row?.ssl) {
    return {
      target,
      status: 'pass',
      detail: `TLS (${row.version}, ${row.cipher})`,
    };
  }
  const local =
    host === undefined || LOOPBACK.has(host) || host.startsWith('/');
  return {
    target,
    status: local ? 'pass' : 'warn',
    detail: local
      ? 'not encrypted (a local connection)'
      : `not encrypted to ${host}: set backend.database.connection.ssl (or PGSSLMODE=require) to encrypt it`,
  };
}

/**
 * The plugin's database: can it be reached (engine and version), is the
 * connection encrypted (PostgreSQL), is it kept (not in memory), and the
 * state of its migrations against those this version ships. Reads only.
 */
export async function checkDatabase(
  db: Knex,
  options: { skipMigrations: boolean },
): Promise<ValidationResult[]> {
  const target = describeDatabase(db);
  const { client, connection } = connectionOf(db);
  const sqlite = client.includes('sqlite');
  let version: string;
  try {
    version = await serverVersion(db, sqlite);
  } catch (error) {
    return [
      {
        check: CHECK,
        target,
        status: 'fail',
        detail: `cannot connect: ${(error as Error).message}`,
      },
    ];
  }
  const inMemory = sqlite && (connection.filename ?? ':memory:') === ':memory:';
  const results: ValidationResult[] = [
    {
      check: CHECK,
      target,
      status: inMemory ? 'warn' : 'pass',
      detail: inMemory
        ? `connected (${version}), in memory: incidents and savings vanish when the backend stops; use PostgreSQL beyond a trial`
        : `connected (${version})`,
    },
  ];
  if (!sqlite) {
    results.push({ check: CHECK, ...(await encryption(db, connection.host)) });
  }
  results.push({
    check: CHECK,
    target: 'migrations',
    ...(await migrationState(db, options.skipMigrations)),
  });
  return results;
}
