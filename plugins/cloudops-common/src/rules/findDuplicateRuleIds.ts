import { formatLocation } from './formatRuleError';
import { RuleError, RuleOrigin } from './types';

/**
 * Finds rule ids defined more than once, in one source or across sources.
 * Each repeated definition is an error at its own id that names where the id
 * was first defined.
 *
 * @param origins - where each rule's id is written, in load order
 * @public
 */
export function findDuplicateRuleIds(origins: RuleOrigin[]): RuleError[] {
  const first = new Map<string, RuleOrigin>();
  const errors: RuleError[] = [];
  for (const origin of origins) {
    const earlier = first.get(origin.id);
    if (!earlier) {
      first.set(origin.id, origin);
      continue;
    }
    const where =
      earlier.line > 0
        ? formatLocation(earlier)
        : `${earlier.file} ${earlier.path}`;
    errors.push({
      file: origin.file,
      line: origin.line,
      column: origin.column,
      message: `${origin.path}: duplicate rule id "${origin.id}"; it is already defined at ${where}`,
    });
  }
  return errors;
}
