import { LabelMatcher } from '@cloudops-ai/backstage-plugin-cloudops-common';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A PromQL string literal. */
export function promqlString(value: string): string {
  return JSON.stringify(value);
}

function matcher(label: string, m: LabelMatcher): string {
  if (typeof m === 'string') return `${label}=${promqlString(m)}`;
  if ('regex' in m) return `${label}=~${promqlString(m.regex)}`;
  if ('not' in m) return `${label}!=${promqlString(m.not)}`;
  return m.exists ? `${label}!=""` : `${label}=""`;
}

/**
 * The PromQL selector of a metric a rule names, narrowed by the rule's label
 * matchers where PromQL can say them (labels with dots, as in
 * `app.kubernetes.io/name`, are left to the rule).
 */
export function promqlSelector(
  name: string,
  labels: Record<string, LabelMatcher> = {},
): string {
  const matchers = Object.entries(labels)
    .filter(([label]) => LABEL_NAME.test(label) && label !== '__name__')
    .map(([label, m]) => matcher(label, m));
  if (METRIC_NAME.test(name)) {
    return matchers.length ? `${name}{${matchers.join(', ')}}` : name;
  }
  return `{${[`__name__=${promqlString(name)}`, ...matchers].join(', ')}}`;
}
