import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  findDuplicateRuleIds,
  ParsedRules,
  parseRuleFile,
  Rule,
  RuleCheckOptions,
  RuleError,
  unreadableRuleFile,
  validateRuleList,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * Reads and validates one rule file; a file that cannot be read comes back
 * as an error, like any other problem with it.
 *
 * @public
 */
export async function readRuleFile(
  file: string,
  options?: RuleCheckOptions,
): Promise<ParsedRules> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return unreadableRuleFile(file, error as Error);
  }
  return parseRuleFile(text, file, options);
}

/**
 * One source of rules as checked with the others: its rules and every error,
 * ids defined again in a later source included.
 *
 * @public
 */
export interface CheckedRuleSource {
  /** The file, or the configuration key of inline rules. */
  source: string;
  rules: Rule[];
  errors: RuleError[];
}

/**
 * Reads and validates rule files (each once, under the first of the paths
 * that name it) and inline rules, and checks rule ids across all of them, in
 * the order the engine loads them (inline rules first): a repeated id is an
 * error of the source that repeats it.
 *
 * @public
 */
export async function checkRuleSources(
  options: {
    files: string[];
    /** The rules of `cloudops.rules.inline`, when configured. */
    inline?: { key: string; value: unknown };
  } & RuleCheckOptions,
): Promise<CheckedRuleSource[]> {
  const check: RuleCheckOptions = { executors: options.executors };
  const byPath = new Map<string, string>();
  for (const file of options.files) {
    const key = resolve(file);
    if (!byPath.has(key)) byPath.set(key, file);
  }
  const files = [...byPath.values()];
  const parsed = [
    ...(options.inline
      ? [
          {
            source: options.inline.key,
            ...validateRuleList(
              options.inline.value,
              { file: 'config', path: options.inline.key },
              check,
            ),
          },
        ]
      : []),
    ...(await Promise.all(
      files.map(async file => ({
        source: file,
        ...(await readRuleFile(file, check)),
      })),
    )),
  ];
  const duplicates = findDuplicateRuleIds(parsed.flatMap(p => p.origins));
  return parsed.map(({ source, rules, errors, origins }) => ({
    source,
    rules,
    errors: [
      ...errors,
      ...duplicates.filter(duplicate =>
        origins.some(
          origin =>
            origin.file === duplicate.file &&
            origin.line === duplicate.line &&
            origin.column === duplicate.column,
        ),
      ),
    ],
  }));
}
