import { fields } from '../fields';
import { PathSegment } from '../paths';
import { RuleProblem } from '../schemaProblems';
import {
  CLOUDWATCH_QUERY_SCHEMA,
  CloudWatchQuery,
  cloudwatchMatchProblems,
  cloudwatchQueryProblems,
} from './cloudwatch';
import {
  PROMQL_QUERY_SCHEMA,
  PromqlQuery,
  promqlQueryProblems,
} from './promql';

/**
 * What sources fetch for a rule to evaluate, instead of waiting for signals
 * to be pushed: one block, in the language of the module that reads it.
 *
 * @public
 */
export interface RuleQuery {
  /** A PromQL query, evaluated by the Prometheus module on each cluster. */
  promql?: PromqlQuery;
  /** A CloudWatch metric or metric-math expression (the AWS module fetches it). */
  cloudwatch?: CloudWatchQuery;
}

/** The JSON schema of a rule's `query`. */
export const RULE_QUERY_SCHEMA = {
  description: 'a mapping with one query block: promql or cloudwatch',
  type: 'object',
  properties: {
    promql: PROMQL_QUERY_SCHEMA,
    cloudwatch: CLOUDWATCH_QUERY_SCHEMA,
  },
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
} as const;

/** What the schema cannot check in a rule's `query` and the `match` it implies. */
export function queryProblems(rule: unknown, at: PathSegment[]): RuleProblem[] {
  const { query, match } = fields(rule);
  const { cloudwatch } = fields(query);
  return [
    ...promqlQueryProblems(rule, at),
    ...cloudwatchQueryProblems(cloudwatch, [...at, 'query', 'cloudwatch']),
    ...(cloudwatch ? cloudwatchMatchProblems(match, [...at, 'match']) : []),
  ];
}
