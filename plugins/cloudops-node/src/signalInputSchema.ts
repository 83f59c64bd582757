import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  SIGNAL_KINDS,
  SIGNAL_STATUSES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { z } from 'zod/v3';

/**
 * An entity ref in its canonical form (`kind:namespace/name`, lower case), so
 * that `Component:checkout` and `component:default/checkout` find the same
 * incidents.
 *
 * @public
 */
export const entityRefSchema = z.string().transform((value, ctx) => {
  try {
    return stringifyEntityRef(parseEntityRef(value)).toLocaleLowerCase('en-US');
  } catch (error) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `not an entity ref (${(error as Error).message})`,
    });
    return z.NEVER;
  }
});

/**
 * One signal as the CloudOps backend takes it, from `POST /signals` or a
 * source: the limits are those of the columns it is stored in.
 *
 * @public
 */
export const signalInputSchema = z
  .object({
    source: z.string().min(1).max(64),
    kind: z.enum(SIGNAL_KINDS),
    name: z.string().min(1).max(255),
    timestamp: z.union([
      z
        .string()
        .refine(v => !Number.isNaN(Date.parse(v)), 'not an ISO 8601 date-time'),
      z
        .number()
        .int()
        .nonnegative()
        .transform(ms => new Date(ms).toISOString()),
    ]),
    value: z.number().finite().optional(),
    status: z.enum(SIGNAL_STATUSES).optional(),
    account: z.string().max(64).optional(),
    region: z.string().max(64).optional(),
    resource: z.string().max(512).optional(),
    labels: z
      .record(z.string().max(1024))
      .refine(l => Object.keys(l).length <= 64, 'at most 64 labels')
      .default({}),
    message: z.string().max(4096).optional(),
    entityRef: entityRefSchema.optional(),
    fingerprint: z.string().min(1).max(128).optional(),
  })
  .strict();

/**
 * What is wrong with one signal of a list: its index, the field (a path such
 * as `labels.pod`, empty for the signal itself) and what was expected.
 *
 * @public
 */
export interface SignalInputProblem {
  index: number;
  path: string;
  message: string;
}

/**
 * The problems of the signals that {@link signalInputSchema} refuses, in
 * order; empty when every signal fits. A source checks its signals with it
 * before it pushes them, to say which of its own inputs was wrong.
 *
 * @public
 */
export function signalInputProblems(signals: unknown[]): SignalInputProblem[] {
  return signals.flatMap((signal, index) => {
    const result = signalInputSchema.safeParse(signal);
    return result.success
      ? []
      : result.error.issues.map(issue => ({
          index,
          path: issue.path.join('.'),
          message: issue.message,
        }));
  });
}
