import {
  fullMatch,
  parseDuration,
  Rule,
  StringMatcher,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { kubernetesSignalQuery } from '../kubernetes/kubernetesSignals';
import { promqlSelector } from './promqlSelector';

/** What the source asks one cluster's Prometheus for. */
export interface SourceQuery {
  /** The name its series get as signals. */
  name: string;
  expr: string;
  stepMs: number;
  /** The rules that want it. */
  ruleIds: string[];
}

function matches(matcher: StringMatcher | undefined, value: string) {
  if (matcher === undefined) return true;
  if (typeof matcher === 'object' && 'regex' in matcher) {
    return fullMatch(matcher.regex).test(value);
  }
  return [matcher].flat().includes(value);
}

/** The plain metric names a rule matches, when it names the prometheus source. */
function namedMetrics(rule: Rule): string[] {
  const { kind, source, name } = rule.match;
  const fromPrometheus = [source ?? []].flat().includes('prometheus');
  if (!fromPrometheus || (kind && kind !== 'metric')) return [];
  if (typeof name === 'string') return [name];
  return Array.isArray(name) ? name : [];
}

/**
 * The queries the rules in force need from one cluster: each rule's
 * `query.promql` (on its clusters), and for rules that match named metrics
 * of the prometheus source (on the clusters their `account` matcher allows)
 * either the Kubernetes signal of that name or the metric itself, narrowed
 * by the rule's labels. Rules that want the same series share one query.
 */
export function queriesForRules(
  rules: readonly Rule[],
  cluster: string,
  defaultStepMs: number,
): SourceQuery[] {
  const queries = new Map<string, SourceQuery>();
  const want = (name: string, expr: string, stepMs: number, id: string) => {
    const key = `${name}\u0000${expr}\u0000${stepMs}`;
    const query = queries.get(key);
    if (query) query.ruleIds.push(id);
    else queries.set(key, { name, expr, stepMs, ruleIds: [id] });
  };
  for (const rule of rules) {
    const promql = rule.query?.promql;
    if (promql) {
      if (!promql.clusters || promql.clusters.includes(cluster)) {
        const stepMs =
          (promql.step && parseDuration(promql.step)) || defaultStepMs;
        want(rule.match.name as string, promql.expr, stepMs, rule.id);
      }
      continue;
    }
    if (!matches(rule.match.account, cluster)) continue;
    for (const name of namedMetrics(rule)) {
      const expr =
        kubernetesSignalQuery(name) ?? promqlSelector(name, rule.match.labels);
      want(name, expr, defaultStepMs, rule.id);
    }
  }
  return [...queries.values()];
}
