import {
  SavingsReport,
  SavingsReportContent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

const cents = (amount: number) => Math.round(amount * 100);

/**
 * The past weeks whose measured savings now differ (by a cent or more) from
 * what their own stored report said: a week adds up the measurements of the
 * opportunities validated or realized now, so a measurement recorded late
 * adds to it and an opportunity rejected since drops out of it.
 */
export function restatements(
  pastWeeks: SavingsReportContent['weeklySavings'],
  stored: SavingsReport[],
): NonNullable<SavingsReportContent['restatements']> {
  return pastWeeks.flatMap(week => {
    const first = stored.find(r => r.periodStart === week.periodStart);
    if (!first) return [];
    const reported = first.content.savedThisWeek;
    return cents(reported) === cents(week.amount)
      ? []
      : [{ periodStart: week.periodStart, reported, amount: week.amount }];
  });
}
