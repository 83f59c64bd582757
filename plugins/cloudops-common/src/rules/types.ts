import { IncidentSeverity } from '../incident';
import { SignalKind } from '../signal';
import { RuleQuery } from './query';

/**
 * Matches a string field of a signal: one value, any of a list of values, or
 * a regular expression that must match the whole value.
 *
 * @public
 */
export type StringMatcher = string | string[] | { regex: string };

/**
 * Matches one label of a signal: equal to a value, fully matching a regular
 * expression, different from a value (also when the label is missing), or
 * present / absent.
 *
 * @public
 */
export type LabelMatcher =
  | string
  | { regex: string }
  | { not: string }
  | { exists: boolean };

/**
 * Selects the catalog entity a signal was resolved to. Every given field must
 * hold; a rule with a selector never matches a signal without an entity.
 *
 * @public
 */
export interface EntitySelector {
  /** The entity kind, compared case-insensitively. */
  kind?: string;
  /** `spec.type`. */
  type?: string;
  /** `spec.system`, as a name or an entity ref. */
  system?: string;
  /** `spec.owner`, as a name or an entity ref such as `group:default/team-a`. */
  owner?: string;
  /** Annotation values, or whether the annotation is present. */
  annotations?: Record<string, string | { exists: boolean }>;
}

/**
 * Which signals a rule looks at. Every given field must hold.
 *
 * @public
 */
export interface RuleMatch {
  kind?: SignalKind;
  source?: string | string[];
  name?: StringMatcher;
  account?: StringMatcher;
  region?: StringMatcher;
  labels?: Record<string, LabelMatcher>;
  entity?: EntitySelector;
}

/**
 * The comparison operators of threshold-like conditions.
 *
 * @public
 */
export const COMPARISON_OPERATORS = ['>', '>=', '<', '<=', '==', '!='] as const;

/** @public */
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/**
 * The operators a forecast condition accepts: `>` and `>=` test the upper
 * bound of the forecast, `<` and `<=` its lower bound.
 *
 * @public
 */
export const FORECAST_OPERATORS = ['>', '>=', '<', '<='] as const;

/** @public */
export type ForecastOperator = (typeof FORECAST_OPERATORS)[number];

/**
 * The kinds of condition a rule can have.
 *
 * @public
 */
export const RULE_CONDITION_TYPES = [
  'firing',
  'threshold',
  'absent',
  'rate',
  'anomaly',
  'forecast',
] as const;

/** @public */
export type RuleConditionType = (typeof RULE_CONDITION_TYPES)[number];

/**
 * Fires when an alert fires (or an event arrives), resolves when the alert
 * resolves.
 *
 * @public
 */
export interface FiringCondition {
  type: 'firing';
}

/**
 * Fires when the value has met the comparison for the `for` duration.
 *
 * @public
 */
export interface ThresholdCondition {
  type: 'threshold';
  op: ComparisonOperator;
  value: number;
  /** How long the comparison must hold before the rule fires (default `0s`). */
  for?: string;
}

/**
 * Fires when a series that was seen sends nothing for the `for` duration;
 * resolves on its next datapoint.
 *
 * @public
 */
export interface AbsentCondition {
  type: 'absent';
  for: string;
}

/**
 * Compares the change between consecutive points of a series, scaled to
 * `per`.
 *
 * @public
 */
export interface RateCondition {
  type: 'rate';
  op: ComparisonOperator;
  value: number;
  per: string;
  for?: string;
}

/**
 * Fires when the anomaly detector scores points at or above `score`. While the
 * detector is in cold start, the `fallback` threshold decides, if given.
 *
 * @public
 */
export interface AnomalyCondition {
  type: 'anomaly';
  /** The anomaly likelihood, 0..1, from which a point counts as anomalous. */
  score: number;
  for?: string;
  fallback?: { op: ComparisonOperator; value: number };
}

/**
 * Fires when the forecast crosses `value` within `horizon`.
 *
 * @public
 */
export interface ForecastCondition {
  type: 'forecast';
  op: ForecastOperator;
  value: number;
  horizon: string;
  for?: string;
}

/** @public */
export type RuleCondition =
  | FiringCondition
  | ThresholdCondition
  | AbsentCondition
  | RateCondition
  | AnomalyCondition
  | ForecastCondition;

/** @public */
export const NOTIFY_CHANNELS = [
  'slack',
  'sns',
  'ses',
  'notifications',
  'webhook',
  'pagerduty',
] as const;

/** @public */
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** @public */
export const TICKET_SYSTEMS = ['jira', 'servicenow', 'pagerduty'] as const;

/** @public */
export type TicketSystem = (typeof TICKET_SYSTEMS)[number];

/**
 * The form of a remediation executor id (`aws-ssm-automation`, `scaffolder`,
 * `demo`). Executors are registered by backend modules at run time, so a
 * rules file can only be checked against this form on its own; the backend
 * checks the ids against the executors it has when it loads the rules.
 *
 * @public
 */
export const REMEDIATION_EXECUTOR_ID_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';

/**
 * What to do when a rule fires. Actions are carried out by the dispatcher.
 *
 * @public
 */
export type RuleAction =
  | { type: 'notify'; channel: NotifyChannel; target?: string }
  | { type: 'ticket'; system: TicketSystem; project?: string }
  | {
      type: 'remediate';
      /** The id of a registered executor, such as `aws-ssm-automation` or `scaffolder`. */
      executor: string;
      /** The SSM document or scaffolder template to run. */
      ref: string;
      /** The document's parameters or the template's values. */
      parameters?: Record<string, string | number | boolean>;
      approval?: { required: boolean; approvers?: 1 | 2 };
      dryRun?: boolean;
    };

/**
 * A detection rule, as written in a rules file or in configuration.
 *
 * @public
 */
export interface Rule {
  /** Unique across every rules file and the inline rules. */
  id: string;
  description?: string;
  match: RuleMatch;
  /** What sources fetch for the rule to evaluate, instead of waiting for pushed signals. */
  query?: RuleQuery;
  /** When given, the rule is evaluated only in these environments. */
  environment?: string | string[];
  condition: RuleCondition;
  severity: IncidentSeverity;
  /** A template for the title of what the rule raises. */
  title?: string;
  /** A template for the key that groups what the rule raises. */
  dedupKey?: string;
  /** Added to the labels of what the rule raises. */
  labels?: Record<string, string>;
  actions?: RuleAction[];
}

/**
 * A problem in a rules file or in the inline rules.
 *
 * @public
 */
export interface RuleError {
  /** The file, or `config` for inline rules. */
  file: string;
  /** 1-based; 0 when the problem has no position in a text (inline rules, unreadable files). */
  line: number;
  /** 1-based; 0 when `line` is 0. */
  column: number;
  /** What is wrong and what was expected, starting with the path of the offending value. */
  message: string;
}

/**
 * Where a rule's id is written.
 *
 * @public
 */
export interface RuleOrigin {
  id: string;
  file: string;
  line: number;
  column: number;
  /** The path of the id, such as `rules[2].id`. */
  path: string;
}

/**
 * The rules of one source and what was wrong with it. `rules` is empty
 * whenever `errors` is not.
 *
 * @public
 */
export interface ParsedRules {
  rules: Rule[];
  /** Where each rule's id is written, in the order of `rules`. */
  origins: RuleOrigin[];
  errors: RuleError[];
}

/**
 * What rules are checked against beyond their own form.
 *
 * @public
 */
export interface RuleCheckOptions {
  /**
   * The ids of the remediation executors the backend has. When given, a
   * remediate action naming any other executor is an error; without it only
   * the form of the id is checked.
   */
  executors?: readonly string[];
}
