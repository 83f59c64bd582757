import { CommanderError } from 'commander';

/**
 * Ends a command whose own output already said what failed (rule errors,
 * failed checks, malformed cases, stale docs): only its exit status is left
 * to give.
 */
export class ReportedFailure extends CommanderError {
  constructor(exitCode: number, code: string, message: string) {
    super(exitCode, code, message);
    this.name = 'ReportedFailure';
  }
}

/**
 * What the program prints on stderr for the error that ended it, if
 * anything: commander prints its own (help, version, usage errors and
 * `command.error()`, all with a `commander.` code), and a
 * {@link ReportedFailure} was reported by its command.
 */
export function errorText(error: unknown): string | undefined {
  if (error instanceof CommanderError) {
    if (
      error instanceof ReportedFailure ||
      error.code.startsWith('commander.')
    ) {
      return undefined;
    }
    return `error: ${error.message}`;
  }
  return `cloudops: ${(error as Error)?.stack ?? error}`;
}
