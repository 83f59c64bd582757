import {
  EvidenceChart,
  SavingsReportContent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

const round = (v: number) => Math.round(v * 100) / 100;

/** The report's charts: weekly savings, and open savings by risk level. */
export function reportCharts(report: SavingsReportContent): EvidenceChart[] {
  return [
    {
      title: 'Measured savings per week',
      unit: report.currency,
      kind: 'bar',
      categories: report.weeklySavings.map(w => w.periodStart.slice(5, 10)),
      series: [
        {
          name: 'saved',
          points: report.weeklySavings.map((w, i) => ({
            t: i,
            v: round(w.amount),
          })),
        },
      ],
    },
    {
      title: 'Open monthly savings by risk',
      unit: report.currency,
      kind: 'bar',
      categories: ['low', 'medium', 'high'],
      series: [
        {
          name: 'monthly savings',
          points: (['low', 'medium', 'high'] as const).map((level, i) => ({
            t: i,
            v: round(report.risk.byLevel[level].monthlySavings),
          })),
        },
      ],
    },
  ];
}

/** Money for reports, e.g. `USD 1,234.50`. */
export function formatMoney(amount: number, currency: string): string {
  return `${currency} ${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
}

/** The report's sections, in order, as they are titled in HTML and PDF. */
export const REPORT_SECTIONS = [
  'Saved this week',
  'Projected next week',
  'Top 10 opportunities',
  'What changed',
  'Risk',
  'Incidents avoided',
  'Recommended next steps',
] as const;
