import { ParsedRules, RuleCheckOptions } from './types';
import { validateRules } from './validateRules';

/**
 * Validates rules that are already objects, such as rules in configuration:
 * the same checks as for a file, without positions (errors have line and
 * column 0). Messages start with `source.path`, as in
 * `cloudops.rules.inline[0].severity: ...`.
 *
 * @param value - the list of rules
 * @param source - the name errors carry as their file, and the path of the list
 * @param options - what else to check the rules against
 * @public
 */
export function validateRuleList(
  value: unknown,
  source: { file: string; path: string },
  options?: RuleCheckOptions,
): ParsedRules {
  return validateRules(
    { rules: value },
    {
      file: source.file,
      root: source.path,
      locate: () => ({ line: 0, column: 0 }),
    },
    options,
  );
}
