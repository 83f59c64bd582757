import { PROMQL_QUERY_SCHEMA, PromqlQuery } from './promql';

/**
 * What a rule may query instead of waiting for a metric to be pushed: one
 * block per query language, read by the module that speaks it.
 *
 * @public
 */
export interface RuleQuery {
  promql?: PromqlQuery;
}

/** The JSON schema of a rule's `query`. */
export const RULE_QUERY_SCHEMA = {
  description: 'a mapping with one query block such as promql',
  type: 'object',
  properties: {
    promql: PROMQL_QUERY_SCHEMA,
  },
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
} as const;

export { promqlQueryProblems } from './promql';
