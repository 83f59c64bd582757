import { Config } from '@backstage/config';
import {
  formatRuleError,
  remediates,
  ValidationResult,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  checkRuleSources,
  CloudopsValidationCheck,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { resolve as resolvePath } from 'node:path';
import { plural } from '../text/plural';

const INLINE_KEY = 'cloudops.rules.inline';

/** What a check without the registered executors cannot tell. */
const EXECUTORS_UNCHECKED =
  'remediation executor ids checked for their form only (the backend checks them against its registered executors)';

/**
 * The rule files of `cloudops.rules.files` (relative paths against
 * `baseDir`, the backend's working directory) and the inline rules: one row
 * per source, failed with every `file:line:column` error, ids checked
 * across sources as the engine loads them. Remediate actions are checked
 * against `executors` when given; otherwise the detail says that only the
 * form of their executor ids was checked.
 */
export function ruleFilesCheck(options: {
  config: Config;
  baseDir: string;
  executors?: readonly string[];
}): CloudopsValidationCheck {
  return {
    id: 'rules',
    async run(): Promise<ValidationResult[]> {
      const { config, baseDir } = options;
      const files = (
        config.getOptionalStringArray('cloudops.rules.files') ?? []
      ).map(file => resolvePath(baseDir, file));
      const inline = config.getOptional(INLINE_KEY);
      if (files.length === 0 && inline === undefined) {
        return [
          {
            check: 'rules',
            target: 'cloudops.rules',
            status: 'warn',
            detail:
              'no rule files or inline rules: only alerts open incidents (with their severity label), metrics open none',
          },
        ];
      }
      const { executors } = options;
      const checked = await checkRuleSources({
        files,
        executors,
        inline:
          inline === undefined ? undefined : { key: INLINE_KEY, value: inline },
      });
      return checked.map(({ source, rules, errors }) => ({
        check: 'rules',
        target: source,
        status: errors.length > 0 ? 'fail' : 'pass',
        detail:
          errors.length > 0
            ? `${plural(errors.length, 'error')}:\n${errors
                .map(formatRuleError)
                .join('\n')}`
            : `${plural(rules.length, 'rule')}${
                executors || !rules.some(remediates)
                  ? ''
                  : `; ${EXECUTORS_UNCHECKED}`
              }`,
      }));
    },
  };
}
