import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  SavingsReport,
  SavingsReportDeliveredEvent,
  SavingsReportPublishedEvent,
  SAVINGS_REPORT_DELIVERED_TOPIC,
  SAVINGS_REPORT_TOPIC,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { ShardedTasks } from '../../scheduling/ShardedTasks';
import { SavingsOptions } from '../savingsOptions';
import { buildWeeklyReport, lastFullWeek } from './buildWeeklyReport';
import { renderReportHtml } from './renderReportHtml';
import { renderReportPdf } from './renderReportPdf';

const WEEK_MS = 7 * 86_400_000;
/** How long a report's announcement is given to be confirmed before the next. */
const CONFIRM_WITHIN_MS = 3_600_000;

/**
 * The weekly CFO/CTO report: built from the ledger on a schedule (one
 * global task, recorded for detector health as `savings-report`), rendered
 * as HTML and PDF, stored (one per week: a second replica's run finds it
 * there), and announced on the events service topic `cloudops.savings.report`
 * for delivery channels (the AWS module's SES mailer). Delivery is
 * at-least-once: until a channel confirms a report of the last two weeks on
 * `cloudops.savings.report.delivered`, a run announces it again (an hour
 * after its last announcement at the earliest), so a crash before the
 * announcement or a mail outage is made good on the next run.
 */
export class SavingsReports {
  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      events: EventsService;
      logger: LoggerService;
      options: SavingsOptions;
      forecastRuleIds: () => ReadonlySet<string>;
    },
  ) {}

  /** Listens for delivery confirmations and schedules the runs. */
  async schedule(tasks: ShardedTasks): Promise<void> {
    if (!this.deps.options.report.enabled) return;
    await this.deps.events.subscribe({
      id: 'savings-report-delivered',
      topics: [SAVINGS_REPORT_DELIVERED_TOPIC],
      onEvent: async ({ eventPayload }) =>
        this.delivered(eventPayload as SavingsReportDeliveredEvent),
    });
    await tasks.schedule({
      id: 'savings-report',
      schedule: {
        frequency: { cron: this.deps.options.report.cron },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      },
      run: () => this.run(new Date()),
    });
  }

  /**
   * One scheduled run: stores the report of the last full week unless it is
   * stored, then announces the reports of the last two weeks that no channel
   * has confirmed (none without recipients: nobody to deliver them to).
   * Resolves with how many reports it stored or announced.
   */
  async run(now: Date): Promise<number> {
    const { database, options } = this.deps;
    const week = lastFullWeek(now);
    const stored = await this.generate(now);
    if (options.report.recipients.length === 0) return stored ? 1 : 0;
    const due = await database.stores.savingsReports.listUndelivered({
      since: new Date(week.start.getTime() - WEEK_MS),
      announcedBefore: new Date(now.getTime() - CONFIRM_WITHIN_MS),
    });
    for (const report of due) await this.announce(report, now);
    return due.length;
  }

  /** Builds and stores the report of the last full week, unless it is stored. */
  private async generate(now: Date): Promise<SavingsReport | undefined> {
    const { database, options } = this.deps;
    const week = lastFullWeek(now);
    const [latest] = await database.stores.savingsReports.list({ limit: 1 });
    if (latest && Date.parse(latest.periodStart) >= week.start.getTime()) {
      return undefined;
    }
    const content = await buildWeeklyReport({
      stores: database.stores,
      now,
      currency: options.currency,
      readOnly: options.readOnly,
      title: options.report.title,
      forecastRuleIds: this.deps.forecastRuleIds(),
    });
    const html = renderReportHtml(content);
    const pdf = await renderReportPdf(content);
    const report = await database.stores.savingsReports.insert({
      content,
      html,
      pdf,
    });
    if (!report) return undefined;
    this.deps.logger.info(
      `Savings report for the week of ${content.periodStart.slice(
        0,
        10,
      )} stored (${report.id})`,
    );
    return report;
  }

  private async announce(report: SavingsReport, now: Date): Promise<void> {
    const { content } = report;
    const event: SavingsReportPublishedEvent = {
      reportId: report.id,
      title: content.title,
      periodStart: content.periodStart,
      periodEnd: content.periodEnd,
      currency: content.currency,
      savedThisWeek: content.savedThisWeek,
      projectedNextWeek: content.projectedNextWeek,
      recipients: this.deps.options.report.recipients,
      htmlPath: `/savings/reports/${report.id}/download?format=html`,
      pdfPath: `/savings/reports/${report.id}/download?format=pdf`,
    };
    await this.deps.events.publish({
      topic: SAVINGS_REPORT_TOPIC,
      eventPayload: event,
    });
    await this.deps.database.stores.savingsReports.markAnnounced(
      report.id,
      now,
    );
  }

  private async delivered(event: SavingsReportDeliveredEvent): Promise<void> {
    const at = new Date(event.deliveredAt);
    const recorded =
      await this.deps.database.stores.savingsReports.markDelivered(
        String(event.reportId),
        Number.isNaN(at.getTime()) ? new Date() : at,
      );
    if (recorded) {
      this.deps.logger.info(
        `Savings report ${event.reportId} delivered (${event.channel})`,
      );
    }
  }
}
