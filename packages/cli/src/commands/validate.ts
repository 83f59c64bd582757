import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import {
  coreValidationChecks,
  installedPolicyCheck,
} from '@cloudops-ai/backstage-plugin-cloudops-backend/validation';
import { awsValidationCheck } from '@cloudops-ai/backstage-plugin-cloudops-backend-module-aws';
import { prometheusValidationCheck } from '@cloudops-ai/backstage-plugin-cloudops-backend-module-prometheus';
import { ValidationReport } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { runValidationChecks } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { Command, CommanderError, Option } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { ReportedFailure } from '../failures';
import { positiveNumber } from '../numberOptions';
import { findRepoRoot } from '../repository';
import { cloudopsDatabase, stderrLogger } from '../validate/cliServices';
import { formatReport } from '../validate/formatReport';
import { executorsOption, Output } from './rules';

export interface ValidateOptions {
  /** Configuration files, later ones overriding earlier ones. */
  config: string[];
  /** The backend package: relative file paths start there; its policy is read. */
  backendDir: string;
  timeoutSeconds: number;
  json: boolean;
  /** The remediation executors the backend registers, when known. */
  executors?: string[];
}

/** The configuration files `yarn start` reads when none are given. */
export function defaultConfigFiles(root: string): string[] {
  return ['app-config.yaml', 'app-config.local.yaml']
    .map(name => path.join(root, name))
    .filter(file => fs.existsSync(file));
}

/**
 * Checks a CloudOps set-up as the backend would see it: configuration
 * against the schemas, rule and runbook files, the database, AWS
 * credentials per account, Prometheus and Alertmanager reachability and the
 * permission policy. Prints a table (or the report as JSON).
 *
 * @returns the exit code: 1 when any check failed, 0 otherwise
 */
export async function runValidate(
  options: ValidateOptions,
  output: Output,
): Promise<{ code: number; report: ValidationReport }> {
  const logger = stderrLogger(output.err);
  const root = path.dirname(path.resolve(options.config[0] ?? '.'));
  let report: ValidationReport;
  let config: ConfigReader | undefined;
  try {
    const { appConfigs } = await loadConfig({
      configRoot: root,
      configTargets: options.config.map(file => ({ path: path.resolve(file) })),
    });
    config = ConfigReader.fromConfigs(appConfigs);
  } catch (error) {
    report = {
      ok: false,
      checkedAt: new Date().toISOString(),
      durationMs: 0,
      results: [
        {
          check: 'config',
          target: options.config.join(', '),
          status: 'fail',
          detail: `cannot load the configuration: ${(error as Error).message}`,
        },
      ],
    };
  }
  if (config) {
    const db = cloudopsDatabase(config, logger);
    try {
      report = await runValidationChecks(
        [
          ...coreValidationChecks({
            config,
            database: db.database,
            baseDir: options.backendDir,
            executors: options.executors,
          }),
          awsValidationCheck({ config, logger }),
          prometheusValidationCheck({ config }),
          installedPolicyCheck({ config, backendDir: options.backendDir }),
        ],
        { timeoutMs: options.timeoutSeconds * 1000 },
      );
    } finally {
      await db.close();
    }
  }
  if (options.json) {
    output.out(JSON.stringify(report!, null, 2));
  } else {
    formatReport(report!).forEach(line => output.out(line));
  }
  return { code: report!.ok ? 0 : 1, report: report! };
}

/** Adds `cloudops validate`, the set-up check, to the program. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description(
      'Check a CloudOps set-up: configuration, AWS credentials per account, Prometheus/Alertmanager reachability, rule files, database and permission policy',
    )
    .option(
      '-c, --config <file...>',
      'configuration files, later ones override (default: app-config.yaml and app-config.local.yaml of the repository)',
    )
    .option(
      '--backend-dir <dir>',
      'the backend package: relative rule/runbook paths start there and its permission policy is read (default: packages/backend)',
    )
    .addOption(
      new Option('--timeout <seconds>', 'deadline of each check')
        .default(20)
        .argParser(positiveNumber),
    )
    .option('--json', 'print the report as JSON', false)
    .addOption(executorsOption())
    .action(async opts => {
      const root = findRepoRoot() ?? process.cwd();
      const config: string[] = opts.config ?? defaultConfigFiles(root);
      if (config.length === 0) {
        throw new CommanderError(
          1,
          'cloudops.validate.noConfig',
          `no configuration: give --config files (no app-config.yaml in ${root})`,
        );
      }
      const { code } = await runValidate(
        {
          config,
          backendDir: path.resolve(
            opts.backendDir ?? path.join(root, 'packages/backend'),
          ),
          timeoutSeconds: opts.timeout,
          json: opts.json,
          executors: opts.executors,
        },
        {
          out: line => process.stdout.write(`${line}\n`),
          err: line => process.stderr.write(`${line}\n`),
        },
      );
      if (code !== 0) {
        throw new ReportedFailure(
          code,
          'cloudops.validate.failed',
          'Some checks failed',
        );
      }
    });
}
