import { Rule } from './types';

/**
 * Whether a rule has a remediate action, whose executor only a backend that
 * knows its registered executors can check.
 *
 * @public
 */
export function remediates(rule: Rule): boolean {
  return (rule.actions ?? []).some(action => action.type === 'remediate');
}
