import { RCA_SERIES_KINDS } from '../rca';

const text = { type: 'string', minLength: 1, description: 'text' };

/**
 * JSON schema of a runbook file: `runbooks:`, a list of runbooks.
 *
 * @public
 */
export const RUNBOOK_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['runbooks'],
  properties: {
    runbooks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title'],
        properties: {
          id: {
            type: 'string',
            pattern: '^[a-z0-9][a-z0-9-]*$',
            description: 'an id of lower-case letters, digits and dashes',
          },
          title: text,
          description: text,
          url: {
            type: 'string',
            pattern: '^https?://',
            description: 'an http(s) URL',
          },
          match: {
            type: 'object',
            additionalProperties: false,
            properties: {
              faults: {
                type: 'array',
                items: {
                  type: 'string',
                  enum: [...RCA_SERIES_KINDS, 'unknown'],
                },
              },
              services: {
                type: 'array',
                items: {
                  type: 'string',
                  pattern: '^[a-z]+:([^/]+/)?[^/]+$',
                  description: 'an entity ref such as component:default/cart',
                },
              },
              alerts: { type: 'array', items: text },
            },
          },
          steps: { type: 'array', items: text },
          action: {
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            properties: {
              type: text,
              params: { type: 'object' },
            },
          },
        },
      },
    },
  },
} as const;
