import { Config } from '@backstage/config';
import {
  formatRuleError,
  parseRunbookFile,
  ValidationResult,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsValidationCheck } from '@cloudops-ai/backstage-plugin-cloudops-node';
import fs from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { plural } from '../text/plural';

/**
 * The runbook files of `cloudops.rca.runbooks` (relative paths against
 * `baseDir`): one row per file, failed with every `file:line:column` error;
 * an id another file already defined is a warning (the first one is used).
 */
export function runbookFilesCheck(options: {
  config: Config;
  baseDir: string;
}): CloudopsValidationCheck {
  return {
    id: 'runbooks',
    async run(): Promise<ValidationResult[]> {
      const files = [
        ...new Set(
          (
            options.config.getOptionalStringArray('cloudops.rca.runbooks') ?? []
          ).map(file => resolvePath(options.baseDir, file)),
        ),
      ];
      if (files.length === 0) {
        return [
          {
            check: 'runbooks',
            target: 'cloudops.rca.runbooks',
            status: 'skip',
            detail:
              'no runbook files: root-cause analyses suggest no remediation',
          },
        ];
      }
      const firstFile = new Map<string, string>();
      const results: ValidationResult[] = [];
      for (const file of files) {
        let text: string;
        try {
          text = await fs.readFile(file, 'utf8');
        } catch (error) {
          results.push({
            check: 'runbooks',
            target: file,
            status: 'fail',
            detail: `cannot read the file: ${(error as Error).message}`,
          });
          continue;
        }
        const { runbooks, errors } = parseRunbookFile(text, file);
        if (errors.length > 0) {
          results.push({
            check: 'runbooks',
            target: file,
            status: 'fail',
            detail: `${plural(errors.length, 'error')}:\n${errors
              .map(formatRuleError)
              .join('\n')}`,
          });
          continue;
        }
        const repeated = runbooks.filter(r => firstFile.has(r.id));
        runbooks.forEach(r => {
          if (!firstFile.has(r.id)) firstFile.set(r.id, file);
        });
        results.push({
          check: 'runbooks',
          target: file,
          status: repeated.length > 0 ? 'warn' : 'pass',
          detail:
            repeated.length > 0
              ? `${plural(runbooks.length, 'runbook')}; ${repeated
                  .map(
                    r => `${r.id} is already defined in ${firstFile.get(r.id)}`,
                  )
                  .join('; ')} (the first is used)`
              : plural(runbooks.length, 'runbook'),
        });
      }
      return results;
    },
  };
}
