import { ParsedRules, RuleCheckOptions } from './types';
import { validateRules } from './validateRules';
import { readYamlDocument } from './yamlDocument';

/**
 * Parses and validates a YAML rules file: the YAML syntax, the schema, and
 * durations, regular expressions, templates and unique ids. Errors carry the
 * line and column of the offending value (of the object, for a missing
 * property). With `options.executors`, remediate actions must name one of
 * them.
 *
 * @param text - the file's contents
 * @param fileName - the name errors refer to
 * @param options - what else to check the rules against
 * @public
 */
export function parseRuleFile(
  text: string,
  fileName: string,
  options?: RuleCheckOptions,
): ParsedRules {
  const document = readYamlDocument(text, fileName);
  if ('errors' in document) {
    return { rules: [], origins: [], errors: document.errors };
  }
  return validateRules(
    document.data,
    { file: fileName, root: 'rules', locate: document.locate },
    options,
  );
}

/**
 * What a rules file that cannot be read gives: no rules and one error without
 * a position.
 *
 * @public
 */
export function unreadableRuleFile(
  fileName: string,
  error: Error,
): ParsedRules {
  return {
    rules: [],
    origins: [],
    errors: [
      {
        file: fileName,
        line: 0,
        column: 0,
        message: `cannot read the file: ${error.message}`,
      },
    ],
  };
}
