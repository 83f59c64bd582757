import { parseDuration } from '../durations';
import { fields } from '../fields';
import { PathSegment } from '../paths';
import type { RuleProblem } from '../schemaProblems';

/**
 * One CloudWatch metric and statistic, as a rule names it.
 *
 * @public
 */
export interface CloudWatchMetricQuery {
  /** e.g. `AWS/ApplicationELB`. */
  namespace: string;
  /** e.g. `HTTPCode_Target_5XX_Count`. */
  metric: string;
  /**
   * Dimension values. When the namespace's resource dimension (such as
   * `LoadBalancer` for `AWS/ApplicationELB`) is left out, the metric is read
   * for every catalog resource of that type (`cloudops.ai/aws-resource-arns`)
   * of the entities the rule's `match.entity` selects.
   */
  dimensions?: Record<string, string>;
  /** `Average` (the default), `Sum`, `Minimum`, `Maximum`, `SampleCount`, `p99`, `tm90`, … */
  stat?: string;
}

/**
 * What the CloudWatch source fetches for a rule: one metric, or a metric-math
 * expression over named metrics. Datapoints arrive as signals with
 * `source: cloudwatch`, `kind: metric` and the name `name` (by default the
 * metric, or the rule id for an expression).
 *
 * @public
 */
export interface CloudWatchQuery extends Partial<CloudWatchMetricQuery> {
  /** The period of each datapoint (default `1m`): 1s, 5s, 10s, 20s, 30s or whole minutes. */
  period?: string;
  /** A metric-math expression over the ids of `metrics`, e.g. `100 * errors / requests`. */
  expression?: string;
  /** The metrics an expression uses, by id (`^[a-z][a-zA-Z0-9_]*$`). */
  metrics?: Record<string, CloudWatchMetricQuery>;
  /** The name the signals carry. */
  name?: string;
}

const nonEmpty = { type: 'string', minLength: 1 } as const;

const metricProperties = {
  namespace: { type: 'string', minLength: 1, maxLength: 255 },
  metric: { type: 'string', minLength: 1, maxLength: 255 },
  dimensions: {
    type: 'object',
    additionalProperties: { type: 'string', minLength: 1 },
    maxProperties: 30,
  },
  stat: nonEmpty,
} as const;

/** The JSON schema of `query.cloudwatch`. */
export const CLOUDWATCH_QUERY_SCHEMA = {
  type: 'object',
  properties: {
    ...metricProperties,
    period: { type: 'string' },
    expression: { type: 'string', minLength: 1, maxLength: 2048 },
    metrics: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        properties: metricProperties,
        required: ['namespace', 'metric'],
        additionalProperties: false,
      },
    },
    name: nonEmpty,
  },
  additionalProperties: false,
} as const;

/** The statistics CloudWatch computes (percentiles and trimmed forms included). */
const STATISTIC =
  /^(SampleCount|Sum|Average|Minimum|Maximum|IQM|p(\d{1,2}(\.\d+)?|100)|(tm|wm|tc|ts)(\d{1,2}(\.\d+)?|100)|(TM|WM|TC|TS|PR)\(\d*(\.\d+)?%?:\d*(\.\d+)?%?\))$/;
const METRIC_ID = /^[a-z][a-zA-Z0-9_]*$/;
const HIGH_RESOLUTION_SECONDS = [1, 5, 10, 20, 30];

/** The period in seconds CloudWatch accepts, or undefined. */
export function cloudwatchPeriodSeconds(period: string): number | undefined {
  const ms = parseDuration(period);
  if (ms === undefined || ms % 1000 !== 0) return undefined;
  const seconds = ms / 1000;
  return HIGH_RESOLUTION_SECONDS.includes(seconds) ||
    (seconds > 0 && seconds % 60 === 0)
    ? seconds
    : undefined;
}

function statProblem(stat: unknown, path: PathSegment[]): RuleProblem[] {
  return typeof stat === 'string' && !STATISTIC.test(stat)
    ? [
        {
          path,
          message: `must be a CloudWatch statistic such as Average, Sum, Maximum, SampleCount or p99 (got ${JSON.stringify(
            stat,
          )})`,
        },
      ]
    : [];
}

/** Identifiers an expression uses as metric ids (not function names). */
function expressionIds(expression: string): string[] {
  return [...expression.matchAll(/\b([a-z][a-zA-Z0-9_]*)\b(?!\s*\()/g)].map(
    m => m[1],
  );
}

/**
 * What the schema cannot check in `query.cloudwatch`: one metric or an
 * expression (not both, not neither), statistics, the period, metric ids and
 * the ids an expression uses.
 */
export function cloudwatchQueryProblems(
  query: unknown,
  at: PathSegment[],
): RuleProblem[] {
  if (typeof query !== 'object' || query === null) return [];
  const q = fields(query);
  const problems: RuleProblem[] = [];
  const single = q.namespace !== undefined || q.metric !== undefined;
  const math = q.expression !== undefined || q.metrics !== undefined;
  if (single && math) {
    problems.push({
      path: at,
      message:
        'give either namespace and metric, or expression and metrics, not both',
    });
  } else if (!single && !math) {
    problems.push({
      path: at,
      message:
        'missing a metric: give namespace and metric, or expression and metrics',
    });
  } else if (single) {
    for (const name of ['namespace', 'metric']) {
      if (q[name] === undefined) {
        problems.push({
          path: at,
          message: `missing required property "${name}"`,
        });
      }
    }
  } else {
    for (const name of ['expression', 'metrics']) {
      if (q[name] === undefined) {
        problems.push({
          path: at,
          message: `missing required property "${name}"`,
        });
      }
    }
    if (q.dimensions !== undefined || q.stat !== undefined) {
      problems.push({
        path: at,
        message:
          'an expression takes dimensions and stat in each of its metrics',
      });
    }
  }
  problems.push(...statProblem(q.stat, [...at, 'stat']));
  if (typeof q.period === 'string' && !cloudwatchPeriodSeconds(q.period)) {
    problems.push({
      path: [...at, 'period'],
      message: `must be 1s, 5s, 10s, 20s, 30s or a whole number of minutes (got ${JSON.stringify(
        q.period,
      )})`,
    });
  }
  const metrics = fields(q.metrics);
  for (const [id, metric] of Object.entries(metrics)) {
    if (!METRIC_ID.test(id)) {
      problems.push({
        path: [...at, 'metrics', id],
        at: 'key',
        message:
          'a metric id starts with a lower-case letter and has only letters, digits and _',
      });
    }
    problems.push(
      ...statProblem(fields(metric).stat, [...at, 'metrics', id, 'stat']),
    );
  }
  if (typeof q.expression === 'string' && q.metrics !== undefined) {
    const used = new Set(expressionIds(q.expression));
    for (const id of used) {
      if (!(id in metrics)) {
        problems.push({
          path: [...at, 'expression'],
          message: `uses "${id}", which is not one of metrics (${Object.keys(
            metrics,
          ).join(', ')})`,
        });
      }
    }
    if (!q.expression.includes('METRICS(')) {
      for (const id of Object.keys(metrics)) {
        if (!used.has(id)) {
          problems.push({
            path: [...at, 'metrics', id],
            at: 'key',
            message:
              'is not used by expression (CloudWatch bills every metric requested)',
          });
        }
      }
    }
  }
  return problems;
}

/**
 * A rule with `query.cloudwatch` must be able to match the metric signals
 * its query produces.
 */
export function cloudwatchMatchProblems(
  match: unknown,
  at: PathSegment[],
): RuleProblem[] {
  const { kind, source } = fields(match);
  const problems: RuleProblem[] = [];
  if (typeof kind === 'string' && kind !== 'metric') {
    problems.push({
      path: [...at, 'kind'],
      message: `must be metric, the kind of the signals query.cloudwatch fetches (got ${JSON.stringify(
        kind,
      )})`,
    });
  }
  const sources = typeof source === 'string' ? [source] : source;
  if (Array.isArray(sources) && !sources.includes('cloudwatch')) {
    problems.push({
      path: [...at, 'source'],
      message:
        'must include cloudwatch, the source of the signals query.cloudwatch fetches',
    });
  }
  return problems;
}
