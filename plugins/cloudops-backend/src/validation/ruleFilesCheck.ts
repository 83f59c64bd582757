import { Config } from '@backstage/config';
import {
  formatRuleError,
  ValidationResult,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  checkRuleSources,
  CloudopsValidationCheck,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { resolve as resolvePath } from 'node:path';
import { plural } from '../text/plural';

const INLINE_KEY = 'cloudops.rules.inline';

/**
 * The rule files of `cloudops.rules.files` (relative paths against
 * `baseDir`, the backend's working directory) and the inline rules: one row
 * per source, failed with every `file:line:column` error, ids checked
 * across sources as the engine loads them.
 */
export function ruleFilesCheck(options: {
  config: Config;
  baseDir: string;
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
      const checked = await checkRuleSources({
        files,
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
            : plural(rules.length, 'rule'),
      }));
    },
  };
}
