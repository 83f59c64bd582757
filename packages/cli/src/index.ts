import { CommanderError } from 'commander';
import { errorText } from './failures';
import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch(error => {
    const text = errorText(error);
    if (text) process.stderr.write(`${text}\n`);
    // --help and --version end here with exit code 0.
    process.exit(error instanceof CommanderError ? error.exitCode : 1);
  });
