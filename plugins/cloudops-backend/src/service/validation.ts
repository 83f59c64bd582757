import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { INCIDENT_SEVERITIES } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { z } from 'zod/v3';

/**
 * An entity ref in its canonical form (`kind:namespace/name`, lower case), so
 * that `Component:checkout` and `component:default/checkout` find the same
 * incidents.
 */
const entityRef = z.string().transform((value, ctx) => {
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

export const newIncidentSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: z.string().max(20_000).optional(),
    severity: z.enum(INCIDENT_SEVERITIES),
    entityRef: entityRef.optional(),
  })
  .strict();

export const listIncidentsQuerySchema = z.object({
  entityRef: entityRef.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Parses `input` or throws an InputError that names each bad field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${problems}`);
  }
  return result.data;
}
