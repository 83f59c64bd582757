import { Opportunity, OpportunityKind } from './opportunity';
import { OpportunityState } from './ledger';

/**
 * The figures of a weekly CFO/CTO savings report.
 *
 * @public
 */
export interface SavingsReportContent {
  title: string;
  currency: string;
  /** ISO 8601: the week covered, [start, end). */
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  readOnly: boolean;
  /** Measured savings of changes within the week. */
  savedThisWeek: number;
  savedLastWeek: number;
  /** Run-rate of measured savings plus merged changes' estimates, for next week. */
  projectedNextWeek: number;
  realizedToDate: number;
  potentialMonthlySavings: number;
  /** Measured savings per week, the last 8 weeks, oldest first. */
  weeklySavings: Array<{ periodStart: string; amount: number }>;
  /**
   * Past weeks of `weeklySavings` whose figure differs from the one their
   * own report first gave (`reported`): a week adds up the measurements of
   * the opportunities validated or realized now, so a late measurement adds
   * to it and an opportunity rejected since drops out. Absent in reports
   * stored before restatements were tracked.
   */
  restatements?: Array<{
    periodStart: string;
    reported: number;
    amount: number;
  }>;
  topOpportunities: Opportunity[];
  /** Ledger moves within the week, by target state. */
  changes: Array<{
    to: OpportunityState;
    count: number;
    monthlySavings: number;
  }>;
  /** New opportunities within the week, by kind. */
  newByKind: Array<{
    kind: OpportunityKind;
    count: number;
    monthlySavings: number;
  }>;
  risk: {
    /** Savings-weighted mean risk score of the open opportunities. */
    weightedScore: number;
    byLevel: Record<
      'low' | 'medium' | 'high',
      { count: number; monthlySavings: number }
    >;
  };
  incidents: {
    /** Incidents opened within the week, and the week before. */
    thisWeek: number;
    lastWeek: number;
    /** Predicted breaches (forecast rules) resolved within the week. */
    avoided: number;
    /** Changes made within the two weeks before an incident on the same entity. */
    afterSavingsChanges: number;
  };
  nextSteps: string[];
}

/**
 * A stored report, without its files.
 *
 * @public
 */
export interface SavingsReport {
  id: string;
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  content: SavingsReportContent;
}

/**
 * What is published on the events service when a weekly report is stored,
 * and again until a channel confirms its delivery, for delivery channels
 * (the AWS module's SES mailer mails it to `recipients`, with the PDF from
 * `GET /savings/reports/{reportId}/download`, then publishes a
 * {@link SavingsReportDeliveredEvent}).
 *
 * @public
 */
export interface SavingsReportPublishedEvent {
  reportId: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  savedThisWeek: number;
  projectedNextWeek: number;
  recipients: string[];
  /** Paths under the plugin's API. */
  htmlPath: string;
  pdfPath: string;
}

/**
 * The events-service topic weekly reports are published on.
 *
 * @public
 */
export const SAVINGS_REPORT_TOPIC = 'cloudops.savings.report';

/**
 * What a delivery channel publishes once it has delivered a report announced
 * with {@link SavingsReportPublishedEvent}: the core stops announcing it
 * again (it announces a report on every scheduled run until one arrives).
 *
 * @public
 */
export interface SavingsReportDeliveredEvent {
  reportId: string;
  /** Who delivered it, e.g. `ses`. */
  channel: string;
  /** ISO 8601. */
  deliveredAt: string;
}

/**
 * The events-service topic delivery channels confirm a weekly report on.
 *
 * @public
 */
export const SAVINGS_REPORT_DELIVERED_TOPIC =
  'cloudops.savings.report.delivered';

/**
 * The last day of a report's week, `YYYY-MM-DD` (UTC): its `periodEnd` is
 * exclusive, the next week's first moment.
 *
 * @public
 */
export function reportLastDay(periodEnd: string): string {
  return new Date(Date.parse(periodEnd) - 86_400_000)
    .toISOString()
    .slice(0, 10);
}
