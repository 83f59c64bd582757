import { RuleError } from './types';

/** `file:line:column`, or just `file` when there is no position. */
export function formatLocation(location: {
  file: string;
  line: number;
  column: number;
}): string {
  return location.line > 0
    ? `${location.file}:${location.line}:${location.column}`
    : location.file;
}

/**
 * Formats a rule error for people and editors: `file:line:column: message`.
 *
 * @public
 */
export function formatRuleError(error: RuleError): string {
  return `${formatLocation(error)}: ${error.message}`;
}
