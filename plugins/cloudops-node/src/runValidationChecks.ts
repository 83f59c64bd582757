import {
  ValidationReport,
  ValidationResult,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsValidationCheck } from './validation';

/**
 * Runs set-up checks at once, each within its own `timeoutMs` or else
 * `options.timeoutMs` (its signal aborts
 * then and an unfinished check is a failed row), and gathers their rows in
 * the order of `checks`. A check that throws is one failed row under its id.
 * `ok` is false when any row failed. Used by `cloudops validate` and by
 * `GET /api/cloudops/validate`, so both report the same.
 *
 * @public
 */
export async function runValidationChecks(
  checks: CloudopsValidationCheck[],
  options: { timeoutMs: number },
): Promise<ValidationReport> {
  const started = Date.now();
  const rows = await Promise.all(
    checks.map(check => runOne(check, check.timeoutMs ?? options.timeoutMs)),
  );
  const results = rows.flat();
  return {
    ok: results.every(result => result.status !== 'fail'),
    checkedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    results,
  };
}

async function runOne(
  check: CloudopsValidationCheck,
  timeoutMs: number,
): Promise<ValidationResult[]> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ValidationResult[]>(resolve => {
    timer = setTimeout(() => {
      controller.abort(new Error(`no answer within ${timeoutMs / 1000}s`));
      resolve([
        {
          check: check.id,
          target: '(all)',
          status: 'fail',
          detail: `did not finish within ${timeoutMs / 1000}s`,
        },
      ]);
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      check.run({ signal: controller.signal }),
      deadline,
    ]);
  } catch (error) {
    return [
      {
        check: check.id,
        target: '(all)',
        status: 'fail',
        detail: (error as Error)?.message ?? String(error),
      },
    ];
  } finally {
    clearTimeout(timer);
  }
}
