import {
  formatRuleError,
  REMEDIATION_EXECUTOR_ID_PATTERN,
  remediates,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkRuleSources } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ReportedFailure } from '../failures';

/** Where the command writes its report. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/**
 * The `--executors` option: the remediation executors a backend registers,
 * which the CLI cannot know on its own (modules register them at run time).
 */
export function executorsOption(): Option {
  return new Option(
    '--executors <ids>',
    'comma-separated remediation executors the backend registers (such as aws-ssm-automation,scaffolder,demo); without it remediate actions are checked for the form of their executor id only',
  ).argParser(parseExecutorIds);
}

/** Parses `a,b,c` into executor ids, refusing ids of the wrong form. */
export function parseExecutorIds(value: string): string[] {
  const ids = value
    .split(',')
    .map(id => id.trim())
    .filter(Boolean);
  const pattern = new RegExp(REMEDIATION_EXECUTOR_ID_PATTERN);
  const bad = ids.filter(id => !pattern.test(id));
  if (ids.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(
      `--executors must be a comma-separated list of executor ids matching ${REMEDIATION_EXECUTOR_ID_PATTERN}, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return ids;
}

/**
 * Validates rule files, each on its own and together (rule ids must be unique
 * across them). Prints `ok  <file> (N rules)` for each good file and
 * `file:line:column: message` for each error. With `executors`, remediate
 * actions must name one of them; without, a note says their executor ids
 * were checked for their form only.
 *
 * @returns the exit code: 1 when there is any error, 0 otherwise
 */
export async function validateRuleFiles(
  files: string[],
  output: Output,
  options: { executors?: string[] } = {},
): Promise<number> {
  const { executors } = options;
  const checked = await checkRuleSources({ files, executors });
  let failed = false;
  for (const { source, rules, errors } of checked) {
    if (errors.length === 0) {
      const count = `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}`;
      output.out(`ok  ${source} (${count})`);
    }
    errors.forEach(error => output.err(formatRuleError(error)));
    failed ||= errors.length > 0;
  }
  if (!executors && checked.some(c => c.rules.some(remediates))) {
    output.out(
      'note: remediation executor ids were checked for their form only; pass --executors with the ids your backend registers to check them',
    );
  }
  return failed ? 1 : 0;
}

/** Adds `cloudops rules …`, the rule file tools, to the program. */
export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('Work with rule files');
  rules
    .command('validate')
    .description(
      'Check YAML rule files against the rule schema, and rule ids for uniqueness across them',
    )
    .argument('<files...>', 'rule files')
    .addOption(executorsOption())
    .action(async (files: string[], opts: { executors?: string[] }) => {
      const code = await validateRuleFiles(
        files,
        {
          out: line => process.stdout.write(`${line}\n`),
          err: line => process.stderr.write(`${line}\n`),
        },
        { executors: opts.executors },
      );
      if (code !== 0) {
        throw new ReportedFailure(
          code,
          'cloudops.rules.invalid',
          'The rule files have errors',
        );
      }
    });
}
