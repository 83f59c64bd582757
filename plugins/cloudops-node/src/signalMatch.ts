import {
  fullMatch,
  LabelMatcher,
  RuleMatch,
  Signal,
  StringMatcher,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * A test of a value.
 *
 * @public
 */
export type Test<T> = (value: T) => boolean;

/**
 * Compiles `value`, `[values]` or `{ regex }` into a test of a field.
 *
 * @public
 */
export function compileStringMatcher(
  matcher: StringMatcher,
): Test<string | undefined> {
  if (typeof matcher === 'string') {
    return value => value === matcher;
  }
  if (Array.isArray(matcher)) {
    const values = new Set(matcher);
    return value => value !== undefined && values.has(value);
  }
  const regex = fullMatch(matcher.regex);
  return value => value !== undefined && regex.test(value);
}

function compileLabelMatcher(matcher: LabelMatcher): Test<string | undefined> {
  if (typeof matcher === 'string' || 'regex' in matcher) {
    return compileStringMatcher(matcher);
  }
  if ('not' in matcher) {
    return value => value !== matcher.not;
  }
  return value => (value !== undefined) === matcher.exists;
}

/**
 * Compiles label matchers into a test of a signal's labels: all must hold.
 *
 * @public
 */
export function compileLabelMatchers(
  matchers: Record<string, LabelMatcher>,
): Test<Record<string, string>> {
  const tests = Object.entries(matchers).map(([name, matcher]) => {
    const test = compileLabelMatcher(matcher);
    return (labels: Record<string, string>) =>
      test(Object.hasOwn(labels, name) ? labels[name] : undefined);
  });
  return labels => tests.every(test => test(labels));
}

/**
 * Compiles the signal fields of a rule's `match` (everything but the entity
 * selector) into one test. The engine uses it to evaluate rules; sources use
 * it to tell where a rule could match (the accounts and regions to query).
 *
 * @public
 */
export function compileSignalMatch(match: RuleMatch): Test<Signal> {
  const tests: Array<Test<Signal>> = [];
  const { kind, source, name, account, region, labels } = match;
  if (kind) {
    tests.push(signal => signal.kind === kind);
  }
  if (source) {
    const test = compileStringMatcher(source);
    tests.push(signal => test(signal.source));
  }
  for (const [field, matcher] of [
    ['name', name],
    ['account', account],
    ['region', region],
  ] as const) {
    if (matcher !== undefined) {
      const test = compileStringMatcher(matcher);
      tests.push(signal => test(signal[field]));
    }
  }
  if (labels) {
    const test = compileLabelMatchers(labels);
    tests.push(signal => test(signal.labels));
  }
  return signal => tests.every(test => test(signal));
}
