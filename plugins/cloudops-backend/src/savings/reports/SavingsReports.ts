import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  SavingsReport,
  SavingsReportPublishedEvent,
  SAVINGS_REPORT_TOPIC,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { ShardedTasks } from '../../scheduling/ShardedTasks';
import { SavingsOptions } from '../savingsOptions';
import { buildWeeklyReport, lastFullWeek } from './buildWeeklyReport';
import { renderReportHtml } from './renderReportHtml';
import { renderReportPdf } from './renderReportPdf';

/**
 * The weekly CFO/CTO report: built from the ledger on a schedule (one
 * global task, recorded for detector health as `savings-report`), rendered
 * as HTML and PDF, stored (one per week: a second replica's run finds it
 * there), and announced on the events service topic `cloudops.savings.report`
 * for delivery channels (the dispatcher's SES channel).
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

  async schedule(tasks: ShardedTasks): Promise<void> {
    if (!this.deps.options.report.enabled) return;
    await tasks.schedule({
      id: 'savings-report',
      schedule: {
        frequency: { cron: this.deps.options.report.cron },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      },
      run: async () => ((await this.generate(new Date())) ? 1 : 0),
    });
  }

  /** Generates, stores and announces the report of the last full week, unless it exists. */
  async generate(now: Date): Promise<SavingsReport | undefined> {
    const { database, options } = this.deps;
    const week = lastFullWeek(now);
    const existing = (
      await database.stores.savingsReports.list({ limit: 1 })
    )[0];
    if (existing && existing.periodStart === week.start.toISOString()) {
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
    const event: SavingsReportPublishedEvent = {
      reportId: report.id,
      title: content.title,
      periodStart: content.periodStart,
      periodEnd: content.periodEnd,
      currency: content.currency,
      savedThisWeek: content.savedThisWeek,
      projectedNextWeek: content.projectedNextWeek,
      recipients: options.report.recipients,
      htmlPath: `/savings/reports/${report.id}/download?format=html`,
      pdfPath: `/savings/reports/${report.id}/download?format=pdf`,
    };
    await this.deps.events.publish({
      topic: SAVINGS_REPORT_TOPIC,
      eventPayload: event,
    });
    this.deps.logger.info(
      `Savings report for the week of ${content.periodStart.slice(
        0,
        10,
      )} stored (${report.id})`,
    );
    return report;
  }
}
