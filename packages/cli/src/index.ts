import { CommanderError } from 'commander';
import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch(error => {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 1.
      process.exit(error.exitCode);
    }
    process.stderr.write(`cloudops: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
