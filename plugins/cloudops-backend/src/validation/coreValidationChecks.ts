import { DatabaseService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CloudopsValidationCheck } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { configSchemaCheck } from './configSchemaCheck';
import { checkDatabase } from './databaseCheck';
import { ruleFilesCheck } from './ruleFilesCheck';
import { runbookFilesCheck } from './runbookFilesCheck';

/** The database check on the plugin's database service. */
export function databaseCheck(
  database: DatabaseService,
): CloudopsValidationCheck {
  return {
    id: 'database',
    async run() {
      let client;
      try {
        client = await database.getClient();
      } catch (error) {
        return [
          {
            check: 'database',
            target: 'backend.database',
            status: 'fail',
            detail: `cannot connect: ${(error as Error).message}`,
          },
        ];
      }
      return checkDatabase(client, {
        skipMigrations: database.migrations?.skip ?? false,
      });
    },
  };
}

/**
 * The checks of the core plugin's own set-up: configuration against the
 * schemas, rule files, runbook files and the database. `baseDir` is where
 * relative file paths start: the backend's working directory; `executors`
 * the remediation executors rules may name (unknown outside the backend:
 * then only their form is checked). Module checks (AWS, Prometheus) and the
 * permission check come on top.
 */
export function coreValidationChecks(options: {
  config: Config;
  database: DatabaseService;
  baseDir: string;
  executors?: readonly string[];
}): CloudopsValidationCheck[] {
  return [
    configSchemaCheck({ config: options.config }),
    ruleFilesCheck(options),
    runbookFilesCheck(options),
    databaseCheck(options.database),
  ];
}
