import { executorProblems } from './executorProblems';
import { findDuplicateRuleIds } from './findDuplicateRuleIds';
import { comparePaths, formatPath } from './paths';
import { RuleProblem, schemaProblems } from './schemaProblems';
import { semanticProblems } from './semanticProblems';
import {
  ParsedRules,
  Rule,
  RuleCheckOptions,
  RuleError,
  RuleOrigin,
} from './types';
import { Locator } from './yamlDocument';

/**
 * Validates a rules document, `{ rules: [...] }`, already read from its
 * source. Paths in messages start with `root` in place of `rules`.
 */
export function validateRules(
  data: unknown,
  source: { file: string; root: string; locate: Locator },
  options: RuleCheckOptions = {},
): ParsedRules {
  const { file, root, locate } = source;
  const list: unknown[] = Array.isArray((data as { rules?: unknown })?.rules)
    ? (data as { rules: unknown[] }).rules
    : [];

  const problems = schemaProblems(data);
  const reported = new Set(problems.map(p => formatPath(p.path, root)));
  problems.push(
    ...list
      .flatMap((rule, index) => [
        ...semanticProblems(rule, ['rules', index]),
        ...(options.executors
          ? executorProblems(rule, ['rules', index], options.executors)
          : []),
      ])
      .filter(p => !reported.has(formatPath(p.path, root))),
  );

  const origins: RuleOrigin[] = list.flatMap((rule, index) => {
    const { id } = rule as Partial<Rule>;
    const path = ['rules', index, 'id'];
    return typeof id === 'string'
      ? [{ id, file, path: formatPath(path, root), ...locate(path) }]
      : [];
  });

  const toError = (problem: RuleProblem): RuleError => {
    const path = formatPath(problem.path, root);
    return {
      file,
      ...locate(problem.path, problem.at),
      message: path ? `${path}: ${problem.message}` : problem.message,
    };
  };
  const errors = [
    ...problems.sort((a, b) => comparePaths(a.path, b.path)).map(toError),
    ...findDuplicateRuleIds(origins),
  ].sort((a, b) => a.line - b.line || a.column - b.column);

  return errors.length > 0
    ? { rules: [], origins: [], errors }
    : { rules: list as Rule[], origins, errors };
}
