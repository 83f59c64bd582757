import {
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { Config } from '@backstage/config';
import { Knex } from 'knex';

/** A logger for backend code run by the CLI: warnings and errors to stderr. */
export function stderrLogger(write: (line: string) => void): LoggerService {
  const logger: LoggerService = {
    error: message => write(`error: ${message}`),
    warn: message => write(`warning: ${message}`),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/**
 * The CloudOps plugin's database as the backend would open it (from
 * `backend.database`, with per-plugin settings), opened on first use, and
 * `close` to release it.
 */
export function cloudopsDatabase(
  config: Config,
  logger: LoggerService,
): { database: DatabaseService; close(): Promise<void> } {
  const hooks: Array<() => void | Promise<void>> = [];
  // Collects the shutdown hooks (the keepalive timer's among them).
  const lifecycle: LifecycleService & RootLifecycleService = {
    addStartupHook: () => {},
    addBeforeShutdownHook: () => {},
    addShutdownHook: hook => {
      hooks.push(hook);
    },
  };
  let service: DatabaseService | undefined;
  let client: Promise<Knex> | undefined;
  const open = () =>
    (service ??= DatabaseManager.fromConfig(config, {
      rootLifecycle: lifecycle,
    }).forPlugin('cloudops', {
      logger,
      lifecycle,
    }));
  return {
    database: {
      getClient: () =>
        (client ??= Promise.resolve().then(() => open().getClient())),
      get migrations() {
        try {
          return open().migrations;
        } catch {
          return undefined;
        }
      },
    },
    async close() {
      const knex = await client?.catch(() => undefined);
      for (const hook of hooks) await hook();
      await knex?.destroy();
    },
  };
}
