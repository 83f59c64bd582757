import {
  reportLastDay,
  SavingsReportContent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { formatMoney } from './reportCharts';

/** The week's first and last day, e.g. `2026-11-23 to 2026-11-29` (the period's end is exclusive). */
export function reportWeek(report: SavingsReportContent): string {
  return `${report.periodStart.slice(0, 10)} to ${reportLastDay(
    report.periodEnd,
  )}`;
}

/** One sentence per past week whose figure changed since its own report. */
export function restatementNotes(report: SavingsReportContent): string[] {
  return (report.restatements ?? []).map(
    r =>
      `Restated: the week of ${r.periodStart.slice(
        0,
        10,
      )} was first reported as ${formatMoney(
        r.reported,
        report.currency,
      )} and is now ${formatMoney(
        r.amount,
        report.currency,
      )}: measurements recorded since, and opportunities rejected since, change a past week.`,
  );
}
