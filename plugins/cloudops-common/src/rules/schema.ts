import { INCIDENT_SEVERITIES } from '../incident';
import { SIGNAL_KINDS } from '../signal';
import {
  COMPARISON_OPERATORS,
  FORECAST_OPERATORS,
  NOTIFY_CHANNELS,
  REMEDIATION_EXECUTOR_ID_PATTERN,
  TICKET_SYSTEMS,
} from './types';
import { RULE_QUERY_SCHEMA } from './query';

/*
 * Schemas with alternatives carry a `description` of what is expected: the
 * validator quotes it when a value fits none of them. Durations, regular
 * expressions and templates are plain strings here and checked after the
 * schema.
 */

const stringOrList = {
  description: 'a string or a list of strings',
  anyOf: [
    { type: 'string' },
    { type: 'array', items: { type: 'string' }, minItems: 1 },
  ],
} as const;

const stringMatcher = {
  description: 'a string, a list of strings or {regex: "..."}',
  anyOf: [
    { type: 'string' },
    { type: 'array', items: { type: 'string' }, minItems: 1 },
    {
      type: 'object',
      properties: { regex: { type: 'string' } },
      required: ['regex'],
      additionalProperties: false,
    },
  ],
} as const;

const labelMatcher = {
  description: 'a string, {regex: "..."}, {not: "..."} or {exists: true|false}',
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        regex: { type: 'string' },
        not: { type: 'string' },
        exists: { type: 'boolean' },
      },
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
    },
  ],
} as const;

const annotationMatcher = {
  description: 'a string or {exists: true|false}',
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: { exists: { type: 'boolean' } },
      required: ['exists'],
      additionalProperties: false,
    },
  ],
} as const;

const duration = { type: 'string' } as const;
const comparisonOperator = { enum: COMPARISON_OPERATORS } as const;

function variant<T extends string, P extends object, R extends string>(
  type: T,
  properties: P,
  required: readonly R[],
) {
  return {
    type: 'object',
    properties: { type: { const: type }, ...properties },
    required: ['type', ...required],
    additionalProperties: false,
  } as const;
}

const condition = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    variant('firing', {}, []),
    variant(
      'threshold',
      { op: comparisonOperator, value: { type: 'number' }, for: duration },
      ['op', 'value'],
    ),
    variant('absent', { for: duration }, ['for']),
    variant(
      'rate',
      {
        op: comparisonOperator,
        value: { type: 'number' },
        per: duration,
        for: duration,
      },
      ['op', 'value', 'per'],
    ),
    variant(
      'anomaly',
      {
        score: { type: 'number', minimum: 0, maximum: 1 },
        for: duration,
        fallback: {
          type: 'object',
          properties: { op: comparisonOperator, value: { type: 'number' } },
          required: ['op', 'value'],
          additionalProperties: false,
        },
      },
      ['score'],
    ),
    variant(
      'forecast',
      {
        op: { enum: FORECAST_OPERATORS },
        value: { type: 'number' },
        horizon: duration,
        for: duration,
      },
      ['op', 'value', 'horizon'],
    ),
  ],
} as const;

const action = {
  type: 'object',
  discriminator: { propertyName: 'type' },
  oneOf: [
    variant(
      'notify',
      { channel: { enum: NOTIFY_CHANNELS }, target: { type: 'string' } },
      ['channel'],
    ),
    variant(
      'ticket',
      { system: { enum: TICKET_SYSTEMS }, project: { type: 'string' } },
      ['system'],
    ),
    variant(
      'remediate',
      {
        executor: {
          type: 'string',
          pattern: REMEDIATION_EXECUTOR_ID_PATTERN,
          description:
            'the id of an executor a backend module registers (aws-ssm-automation, scaffolder, demo); the backend checks it against the registered ones',
        },
        ref: {
          type: 'string',
          minLength: 1,
          description:
            'what the executor runs: an SSM document (aws-ssm-automation), a Template entity ref such as template:default/cloudops-silence-and-investigate (scaffolder)',
        },
        parameters: {
          type: 'object',
          description:
            "the document's parameters or the template's values (the scaffolder executor adds incidentId when the template declares it)",
          additionalProperties: {
            anyOf: [
              { type: 'string' },
              { type: 'number' },
              { type: 'boolean' },
            ],
            description: 'a string, a number or true|false',
          },
        },
        approval: {
          type: 'object',
          properties: {
            required: { type: 'boolean' },
            approvers: { enum: [1, 2] },
          },
          required: ['required'],
          additionalProperties: false,
        },
        dryRun: { type: 'boolean' },
      },
      ['executor', 'ref'],
    ),
  ],
} as const;

/**
 * The JSON schema of one rule.
 *
 * @public
 */
export const RULE_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    description: { type: 'string' },
    match: {
      type: 'object',
      properties: {
        kind: { enum: SIGNAL_KINDS },
        source: stringOrList,
        name: stringMatcher,
        account: stringMatcher,
        region: stringMatcher,
        labels: { type: 'object', additionalProperties: labelMatcher },
        entity: {
          type: 'object',
          properties: {
            kind: { type: 'string' },
            type: { type: 'string' },
            system: { type: 'string' },
            owner: { type: 'string' },
            annotations: {
              type: 'object',
              additionalProperties: annotationMatcher,
            },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    query: RULE_QUERY_SCHEMA,
    environment: stringOrList,
    condition,
    severity: { enum: INCIDENT_SEVERITIES },
    title: { type: 'string' },
    dedupKey: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    actions: { type: 'array', items: action },
  },
  required: ['id', 'match', 'condition', 'severity'],
  additionalProperties: false,
} as const;

/**
 * The JSON schema of a rules file: an object with a `rules` list.
 *
 * @public
 */
export const RULE_FILE_SCHEMA = {
  description: 'a mapping with a "rules" list',
  type: 'object',
  properties: {
    rules: { type: 'array', items: RULE_SCHEMA },
  },
  required: ['rules'],
  additionalProperties: false,
} as const;
