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
 * One signal as `POST /signals` takes it: the fields its columns bound
 * (source, name, account, region, resource, fingerprint, entity) within
 * their widths, and the API's own limits on the rest (a message of at most
 * 4,096 characters, at most 64 labels of at most 1,024 characters each).
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
 * A signal as it can be stored: {@link signalInputSchema} without the API's
 * limits on the message and labels, whose columns are unbounded text. A
 * source's signals are checked against this: a long alert description is
 * the source's to send, not a reason to lose the alert.
 */
const storableSignalSchema = signalInputSchema.extend({
  labels: z.record(z.string()).default({}),
  message: z.string().optional(),
});

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
 * The problems of the signals that could not be stored (a field longer than
 * its column, a missing or malformed one), in order; empty when every signal
 * can be. The backend checks a source's signals with it, and a source may
 * check them before it pushes them, to say which of its own inputs was
 * wrong.
 *
 * @public
 */
export function signalInputProblems(signals: unknown[]): SignalInputProblem[] {
  return signals.flatMap((signal, index) => {
    const result = storableSignalSchema.safeParse(signal);
    return result.success
      ? []
      : result.error.issues.map(issue => ({
          index,
          path: issue.path.join('.'),
          message: issue.message,
        }));
  });
}

/** At most this many problems are spelled out; the rest are counted. */
const LISTED_PROBLEMS = 5;

/**
 * Problems as one line for an error: the first few, each as
 * `<where>: <what was expected>` (`where` names the field in the caller's
 * terms, `signal 3: name` or `alerts.3.labels.alertname`), and how many
 * more there are.
 *
 * @public
 */
export function describeSignalProblems(
  problems: SignalInputProblem[],
  where: (problem: SignalInputProblem) => string,
): string {
  const listed = problems
    .slice(0, LISTED_PROBLEMS)
    .map(p => `${where(p)}: ${p.message}`);
  if (problems.length > LISTED_PROBLEMS) {
    listed.push(`${problems.length - LISTED_PROBLEMS} more problem(s)`);
  }
  return listed.join('; ');
}
