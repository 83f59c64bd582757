import {
  OPPORTUNITY_KINDS,
  OPPORTUNITY_STATES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { z } from 'zod/v3';
import { entityRefSchema as entityRef } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { listOf } from './validation';

export const listOpportunitiesQuerySchema = z.object({
  account: z.string().max(64).optional(),
  team: entityRef.optional(),
  system: entityRef.optional(),
  entityRef: entityRef.optional(),
  detector: z.string().max(128).optional(),
  kind: listOf([...OPPORTUNITY_KINDS]).optional(),
  state: listOf([...OPPORTUNITY_STATES]).optional(),
  risk: listOf(['low', 'medium', 'high'] as [
    'low',
    'medium',
    'high',
  ]).optional(),
  sort: z.enum(['savings', 'risk', 'detected']).default('savings'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const opportunityTransitionSchema = z
  .object({
    to: z.enum(OPPORTUNITY_STATES),
    note: z.string().max(20_000).optional(),
    // Shown as a link in the portal: only web addresses.
    pullRequestUrl: z
      .string()
      .url()
      .max(1024)
      .refine(v => /^https?:\/\//i.test(v), 'an http or https URL')
      .optional(),
    snoozeUntil: z
      .string()
      .refine(v => !Number.isNaN(Date.parse(v)), 'not an ISO 8601 date-time')
      .transform(v => new Date(v))
      .optional(),
  })
  .strict();

export const savingsSummaryQuerySchema = z.object({
  entityRef: entityRef.optional(),
  bucket: z.enum(['week', 'month']).default('month'),
  periods: z.coerce.number().int().min(1).max(24).default(6),
  top: z.coerce.number().int().min(0).max(50).default(5),
});

export const reportListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const reportDownloadQuerySchema = z.object({
  format: z.enum(['html', 'pdf']).default('pdf'),
});
