import {
  DELIVERY_STATUSES,
  REMEDIATION_STATES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { z } from 'zod/v3';

/** `a,b` or repeated query parameters, as a list of enum values. */
function listOf<T extends [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform(v => (Array.isArray(v) ? v : v.split(',')).filter(Boolean))
    .pipe(z.array(z.enum(values)));
}

const uuid = z.string().uuid();

export const deliveriesQuerySchema = z.object({
  incidentId: uuid.optional(),
  status: listOf([...DELIVERY_STATUSES]).optional(),
  channel: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: uuid.optional(),
});

export const remediationsQuerySchema = z.object({
  incidentId: uuid.optional(),
  opportunityId: uuid.optional(),
  state: listOf([...REMEDIATION_STATES]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Raises (never lowers) the approvals policy asks for, like a rule's `approval`. */
const approvalSchema = z
  .object({
    required: z.boolean(),
    approvers: z.number().int().min(1).max(2).optional(),
  })
  .strict();

export const remediationRequestSchema = z
  .object({
    executor: z.string().min(1).max(64),
    ref: z.string().min(1).max(512),
    parameters: z.record(z.unknown()).default({}),
    dryRun: z.boolean().optional(),
    approval: approvalSchema.optional(),
  })
  .strict();

/** `GET /incidents/:id/remediations`-style lists of one subject. */
export const subjectRemediationsQuerySchema = remediationsQuerySchema.pick({
  state: true,
  limit: true,
});

export const policyCheckSchema = z
  .object({
    incidentId: uuid.optional(),
    opportunityId: uuid.optional(),
    executor: z.string().min(1).max(64).optional(),
    ref: z.string().min(1).max(512).optional(),
    parameters: z.record(z.unknown()).optional(),
    plan: z
      .object({
        targets: z.array(z.string().min(1).max(1024)).max(1000),
        costImpact: z.enum(['increase', 'neutral', 'decrease', 'unknown']),
        summary: z.string().max(2000).optional(),
      })
      .strict()
      .optional(),
    approval: approvalSchema.optional(),
  })
  .strict();

export const decisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().max(2000).optional(),
  })
  .strict();
