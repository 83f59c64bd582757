import { formatRuleError } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Command, CommanderError } from 'commander';
import { checkRuleSources } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** Where the command writes its report. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Validates rule files, each on its own and together (rule ids must be unique
 * across them). Prints `ok  <file> (N rules)` for each good file and
 * `file:line:column: message` for each error.
 *
 * @returns the exit code: 1 when there is any error, 0 otherwise
 */
export async function validateRuleFiles(
  files: string[],
  output: Output,
): Promise<number> {
  const checked = await checkRuleSources({ files });
  let failed = false;
  for (const { source, rules, errors } of checked) {
    if (errors.length === 0) {
      const count = `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}`;
      output.out(`ok  ${source} (${count})`);
    }
    errors.forEach(error => output.err(formatRuleError(error)));
    failed ||= errors.length > 0;
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
    .action(async (files: string[]) => {
      const code = await validateRuleFiles(files, {
        out: line => process.stdout.write(`${line}\n`),
        err: line => process.stderr.write(`${line}\n`),
      });
      if (code !== 0) {
        throw new CommanderError(
          code,
          'cloudops.rules.invalid',
          'The rule files have errors',
        );
      }
    });
}
