import { parser } from '@prometheus-io/lezer-promql';
import { parseDuration } from '../durations';
import { fields } from '../fields';
import { PathSegment } from '../paths';
import { RuleProblem } from '../schemaProblems';

/**
 * A rule's PromQL query: the Prometheus source evaluates `expr` on each
 * cluster's Prometheus and hands the rule one metric signal per returned
 * series and step, named by the rule's `match.name`.
 *
 * @public
 */
export interface PromqlQuery {
  /** A PromQL expression returning an instant vector. */
  expr: string;
  /** The clusters (Prometheus servers) to run it on; all when absent. */
  clusters?: string[];
  /** The resolution of the range query, e.g. `30s`; the source's step when absent. */
  step?: string;
}

/** The JSON schema of a `query.promql` block. */
export const PROMQL_QUERY_SCHEMA = {
  type: 'object',
  properties: {
    expr: { type: 'string', minLength: 1 },
    clusters: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
    },
    step: { type: 'string' },
  },
  required: ['expr'],
  additionalProperties: false,
} as const;

/**
 * Where a PromQL expression stops being valid, or undefined when it parses.
 *
 * @public
 */
export function promqlSyntaxError(expr: string): string | undefined {
  let at: number | undefined;
  parser.parse(expr).iterate({
    enter: node => {
      if (at === undefined && node.type.isError) at = node.from;
      return at === undefined;
    },
  });
  if (at === undefined) return undefined;
  return at >= expr.trimEnd().length
    ? 'the expression ends too early'
    : `unexpected ${JSON.stringify(expr.slice(at, at + 12))} at character ${
        at + 1
      }`;
}

/**
 * What the schema cannot check in a rule with a `query.promql` block: the
 * expression's syntax, the step, and that the rule names the metric its
 * query produces.
 */
export function promqlQueryProblems(
  rule: unknown,
  at: PathSegment[],
): RuleProblem[] {
  const { query, match } = fields(rule);
  const promql = fields(fields(query).promql);
  if (!('promql' in fields(query))) return [];
  const path = [...at, 'query', 'promql'];
  const problems: RuleProblem[] = [];
  if (typeof promql.expr === 'string' && promql.expr.trim()) {
    const error = promqlSyntaxError(promql.expr);
    if (error) {
      problems.push({
        path: [...path, 'expr'],
        message: `not valid PromQL: ${error}`,
      });
    }
  }
  if (typeof promql.step === 'string') {
    const ms = parseDuration(promql.step);
    if (!ms) {
      problems.push({
        path: [...path, 'step'],
        message: `must be a duration longer than 0s such as 30s or 1m (got ${JSON.stringify(
          promql.step,
        )})`,
      });
    }
  }
  const { kind, name, source } = fields(match);
  if (typeof name !== 'string') {
    problems.push({
      path: [...at, 'match', 'name'],
      message:
        'must be one metric name when the rule has a query: it names the series the query returns',
    });
  }
  if (kind !== undefined && kind !== 'metric') {
    problems.push({
      path: [...at, 'match', 'kind'],
      message: `must be metric when the rule has a PromQL query (got ${JSON.stringify(
        kind,
      )})`,
    });
  }
  if (source !== undefined && ![source].flat().includes('prometheus')) {
    problems.push({
      path: [...at, 'match', 'source'],
      message:
        'must include prometheus when the rule has a PromQL query: its signals come from the prometheus source',
    });
  }
  return problems;
}
