import { Command } from 'commander';
import { version } from '../package.json';
import { registerBenchCommand } from './commands/bench';
import { registerDocsCommand } from './commands/docs';
import { registerRcaCommand } from './commands/rca';
import { registerRulesCommand } from './commands/rules';
import { registerValidateCommand } from './commands/validate';

/**
 * The `cloudops` command line. Each area adds its sub-commands here
 * (rules validation, RCA on case files, benchmarks, `validate`).
 */
export function createProgram(): Command {
  const program = new Command('cloudops')
    .description(
      'CloudOps AI for Backstage: command-line tools for rules, root-cause analysis, benchmarks and set-up checks.',
    )
    .version(version)
    .showHelpAfterError()
    .allowExcessArguments(false)
    .exitOverride();

  registerRulesCommand(program);
  registerRcaCommand(program);
  registerBenchCommand(program);
  registerValidateCommand(program);
  registerDocsCommand(program);

  return program;
}
