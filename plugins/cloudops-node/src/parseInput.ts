import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/**
 * Parses `input` with a zod schema, or throws an InputError that names each
 * bad field (`Invalid signal batch: signals.1.value: Expected number`), so
 * every CloudOps route, the core's and modules', answers bad input alike.
 *
 * @public
 */
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
