import {
  ValidationReport,
  ValidationStatus,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

const LABEL: Record<ValidationStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'SKIP',
};

/**
 * The report as a table: status, check, target and detail (a detail of
 * several lines continues under the detail column), then a summary line.
 */
export function formatReport(report: ValidationReport): string[] {
  const rows = report.results.map(r => [LABEL[r.status], r.check, r.target]);
  const widths = [0, 1, 2].map(i =>
    Math.max(
      ['STATUS', 'CHECK', 'TARGET'][i].length,
      ...rows.map(r => r[i].length),
    ),
  );
  const cells = (values: string[]) =>
    values.map((value, i) => value.padEnd(widths[i])).join('  ');
  const indent = ' '.repeat(widths.reduce((sum, w) => sum + w + 2, 0));
  const lines = [`${cells(['STATUS', 'CHECK', 'TARGET'])}  DETAIL`];
  report.results.forEach((result, i) => {
    const [first, ...rest] = result.detail.split('\n');
    lines.push(`${cells(rows[i])}  ${first}`);
    rest.forEach(line => lines.push(`${indent}${line}`));
  });
  const count = (status: ValidationStatus) =>
    report.results.filter(r => r.status === status).length;
  lines.push(
    '',
    `${report.ok ? 'OK' : 'FAILED'}: ${count('pass')} passed, ${count(
      'warn',
    )} warnings, ${count('fail')} failed, ${count('skip')} skipped (${(
      report.durationMs / 1000
    ).toFixed(1)}s)`,
  );
  return lines;
}
