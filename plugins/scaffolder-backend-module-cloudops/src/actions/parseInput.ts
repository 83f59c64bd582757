import { InputError } from '@backstage/errors';
import { z, ZodTypeAny } from 'zod/v3';

/**
 * An action's input through its zod schema, with defaults applied (the
 * scaffolder itself only checks the JSON Schema); a clear error otherwise.
 */
export function parseInput<T extends ZodTypeAny>(
  schema: (zod: typeof z) => T,
  input: unknown,
  actionId: string,
): z.output<T> {
  const result = schema(z).safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map(issue => `${issue.path.join('.') || 'input'}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid input to ${actionId}: ${problems}`);
  }
  return result.data;
}
