import { fields } from './fields';
import { PathSegment } from './paths';
import { RuleProblem } from './schemaProblems';

/**
 * Remediate actions of a rule that name an executor the backend does not
 * have. Only string ids are checked; the schema reports the others.
 */
export function executorProblems(
  rule: unknown,
  at: PathSegment[],
  executors: readonly string[],
): RuleProblem[] {
  const { actions } = fields(rule);
  if (!Array.isArray(actions)) {
    return [];
  }
  const registered = executors.length
    ? [...executors].sort().join(', ')
    : 'none';
  return actions.flatMap((action, index) => {
    const { type, executor } = fields(action);
    if (
      type !== 'remediate' ||
      typeof executor !== 'string' ||
      executors.includes(executor)
    ) {
      return [];
    }
    return [
      {
        path: [...at, 'actions', index, 'executor'],
        message: `no remediation executor "${executor}" is registered (registered: ${registered}); add the backend module that provides it or name a registered one`,
      },
    ];
  });
}
