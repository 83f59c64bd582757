import {
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
  INCIDENT_STATS_GROUPS,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  entityRefSchema as entityRef,
  signalInputSchema,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { z } from 'zod/v3';

export const newIncidentSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: z.string().max(20_000).optional(),
    severity: z.enum(INCIDENT_SEVERITIES),
    entityRef: entityRef.optional(),
  })
  .strict();

/** `a,b` or repeated query parameters, as a list of enum values. */
export function listOf<T extends [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform(v => (Array.isArray(v) ? v : v.split(',')).filter(Boolean))
    .pipe(z.array(z.enum(values)));
}

const isoDate = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)), 'not an ISO 8601 date-time')
  .transform(v => new Date(v));

const incidentFilter = {
  entityRef: entityRef.optional(),
  system: entityRef.optional(),
  owner: entityRef.optional(),
  account: z.string().max(64).optional(),
  severity: listOf([...INCIDENT_SEVERITIES]).optional(),
  state: listOf([...INCIDENT_STATES]).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(200).optional(),
};

export const listIncidentsQuerySchema = z.object({
  ...incidentFilter,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const statsQuerySchema = z
  .object({
    ...incidentFilter,
    groupBy: z.enum(INCIDENT_STATS_GROUPS).optional(),
    thenBy: z.enum(INCIDENT_STATS_GROUPS).optional(),
    groupLimit: z.coerce.number().int().min(1).max(2000).default(200),
    bucketSeconds: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 86400)
      .default(3600),
  })
  .refine(q => !q.thenBy || (q.groupBy && q.groupBy !== q.thenBy), {
    message: 'thenBy needs a groupBy of another dimension',
    path: ['thenBy'],
  });

export const incidentSignalsQuerySchema = z.object({
  contextMinutes: z.coerce.number().int().min(0).max(1440).default(0),
  bands: z
    .enum(['true', 'false'])
    .transform(v => v === 'true')
    .default('false'),
});

export const graphQuerySchema = z.object({
  entityRef,
  depth: z.coerce.number().int().min(0).max(6).default(2),
});

export const entityAnomalyQuerySchema = z.object({ entityRef });

export const transitionSchema = z
  .object({
    to: z.enum(INCIDENT_STATES),
    note: z.string().max(20_000).optional(),
  })
  .strict();

export const incidentPatchSchema = z
  .object({
    severity: z.enum(INCIDENT_SEVERITIES).optional(),
    assignee: z.string().min(1).max(255).nullable().optional(),
  })
  .strict()
  .refine(v => v.severity !== undefined || v.assignee !== undefined, {
    message: 'give severity or assignee',
  });

export const noteSchema = z
  .object({ text: z.string().trim().min(1).max(20_000) })
  .strict();

/**
 * A page cursor: the id of the last row of the previous page. Ids are
 * auto-incremented integers; 15 digits keep the cursor within the database's
 * 64-bit integers and JavaScript's exact ones.
 */
const idCursorSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'give the id of the last row of the previous page');

export const auditQuerySchema = z.object({
  target: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: idCursorSchema.optional(),
});

export const detectorHealthQuerySchema = z.object({
  detector: z.string().max(128).optional(),
});

export const detectorRunsQuerySchema = z.object({
  detector: z.string().max(128).optional(),
  shard: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: idCursorSchema.optional(),
});

export const signalBatchSchema = z
  .object({ signals: z.array(signalInputSchema).min(1).max(1000) })
  .strict();

// Modules' routes parse alike: the parser lives in -node.
export { parseInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
