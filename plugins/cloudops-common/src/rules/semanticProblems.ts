import { parseDuration } from './durations';
import { fullMatch } from './fullMatch';
import { PathSegment } from './paths';
import { queryProblems } from './query';
import { fields } from './fields';
import { RuleProblem } from './schemaProblems';
import { parseTemplate } from './templates';

function durationProblem(
  value: unknown,
  path: PathSegment[],
  { positive }: { positive: boolean },
): RuleProblem[] {
  if (typeof value !== 'string') {
    return [];
  }
  const ms = parseDuration(value);
  if (ms === undefined) {
    return [
      {
        path,
        message: `must be a duration such as 30s, 5m, 1h30m, 1d or 1w (got ${JSON.stringify(
          value,
        )})`,
      },
    ];
  }
  return positive && ms === 0
    ? [{ path, message: 'must be longer than 0s' }]
    : [];
}

function regexProblem(matcher: unknown, path: PathSegment[]): RuleProblem[] {
  const { regex } = fields(matcher);
  if (typeof regex !== 'string') {
    return [];
  }
  try {
    fullMatch(regex);
    return [];
  } catch (error) {
    return [
      {
        path: [...path, 'regex'],
        message: `must be a regular expression (${(error as Error).message})`,
      },
    ];
  }
}

function templateProblem(
  template: unknown,
  path: PathSegment[],
): RuleProblem[] {
  const parsed =
    typeof template === 'string' ? parseTemplate(template) : undefined;
  return parsed?.error ? [{ path, message: parsed.error }] : [];
}

/**
 * What the schema cannot check in a rule: durations, regular expressions and
 * templates. Only values of the right type are checked; the schema reports
 * the others.
 */
export function semanticProblems(
  rule: unknown,
  at: PathSegment[],
): RuleProblem[] {
  const { match, condition, title, dedupKey } = fields(rule);
  const matchFields = fields(match);
  const conditionFields = fields(condition);
  const conditionPath = [...at, 'condition'];
  return [
    ...['name', 'account', 'region'].flatMap(field =>
      regexProblem(matchFields[field], [...at, 'match', field]),
    ),
    ...Object.entries(fields(matchFields.labels)).flatMap(([label, matcher]) =>
      regexProblem(matcher, [...at, 'match', 'labels', label]),
    ),
    ...durationProblem(conditionFields.for, [...conditionPath, 'for'], {
      positive: conditionFields.type === 'absent',
    }),
    ...durationProblem(conditionFields.per, [...conditionPath, 'per'], {
      positive: true,
    }),
    ...durationProblem(conditionFields.horizon, [...conditionPath, 'horizon'], {
      positive: true,
    }),
    ...templateProblem(title, [...at, 'title']),
    ...templateProblem(dedupKey, [...at, 'dedupKey']),
    ...queryProblems(rule, at),
  ];
}
