import { setTimeout as sleep } from 'node:timers/promises';
import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  SavingsReportDeliveredEvent,
  SavingsReportPublishedEvent,
  SAVINGS_REPORT_DELIVERED_TOPIC,
  SAVINGS_REPORT_TOPIC,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SesMailer } from './SesMailer';

const ATTEMPTS = 3;

/**
 * Emails the weekly CFO/CTO savings report: when the core announces a
 * stored report on the events service (`cloudops.savings.report`), reads
 * its HTML and PDF from the plugin's API with the plugin's own service
 * credentials and sends them through SES to the report's recipients
 * (`cloudops.savings.report.recipients`): the HTML as the body, the PDF
 * attached. A failed send is tried again, up to three times; a report
 * emailed is confirmed on `cloudops.savings.report.delivered`, and one that
 * is not is announced again by the core's next scheduled run.
 */
export class SavingsReportMailer {
  constructor(
    private readonly deps: {
      events: EventsService;
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      mailer: SesMailer;
      /** Wait before the second attempt, doubled after (default 2 s). */
      retryDelayMs?: number;
    },
  ) {}

  async subscribe(): Promise<void> {
    await this.deps.events.subscribe({
      id: 'cloudops-aws-ses-savings-report',
      topics: [SAVINGS_REPORT_TOPIC],
      onEvent: async ({ eventPayload }) => {
        const event = eventPayload as SavingsReportPublishedEvent;
        for (let attempt = 1; ; attempt++) {
          try {
            if ((await this.send(event)) !== undefined) {
              await this.confirm(event);
            }
            return;
          } catch (error) {
            if (attempt >= ATTEMPTS) {
              this.deps.logger.error(
                `Could not email savings report ${event.reportId} after ${attempt} attempts (the next scheduled report run tries again): ${error}`,
              );
              return;
            }
            await sleep((this.deps.retryDelayMs ?? 2000) * 2 ** (attempt - 1));
          }
        }
      },
    });
  }

  /** Sends one report; resolves to SES's message id (undefined: nobody to send it to). */
  async send(event: SavingsReportPublishedEvent): Promise<string | undefined> {
    if (event.recipients.length === 0) {
      this.deps.logger.info(
        `Savings report ${event.reportId} has no recipients (cloudops.savings.report.recipients): not emailed`,
      );
      return undefined;
    }
    const [html, pdf] = await Promise.all([
      this.download(event.htmlPath),
      this.download(event.pdfPath),
    ]);
    const money = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: event.currency,
      maximumFractionDigits: 0,
    });
    const week = event.periodStart.slice(0, 10);
    const messageId = await this.deps.mailer.send({
      to: event.recipients,
      subject: `${event.title}: week of ${week}`,
      html: html.toString('utf8'),
      text: [
        `${event.title}, week of ${week}`,
        `Saved this week: ${money.format(event.savedThisWeek)}`,
        `Projected next week: ${money.format(event.projectedNextWeek)}`,
        'The full report, with charts, is attached as a PDF.',
      ].join('\n'),
      attachments: [
        {
          fileName: `cloudops-savings-${week}.pdf`,
          contentType: 'application/pdf',
          content: pdf,
        },
      ],
      tags: { report: event.reportId },
    });
    this.deps.logger.info(
      `Savings report ${event.reportId} emailed to ${event.recipients.length} recipient(s) (SES ${messageId})`,
    );
    return messageId;
  }

  private async confirm(event: SavingsReportPublishedEvent): Promise<void> {
    const delivered: SavingsReportDeliveredEvent = {
      reportId: event.reportId,
      channel: 'ses',
      deliveredAt: new Date().toISOString(),
    };
    try {
      await this.deps.events.publish({
        topic: SAVINGS_REPORT_DELIVERED_TOPIC,
        eventPayload: delivered,
      });
    } catch (error) {
      this.deps.logger.error(
        `Savings report ${event.reportId} was emailed but its delivery could not be confirmed (the next scheduled report run emails it again): ${error}`,
      );
    }
  }

  private async download(path: string): Promise<Buffer> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'cloudops',
    });
    const response = await fetch(
      `${await discovery.getBaseUrl('cloudops')}${path}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return Buffer.from(await response.arrayBuffer());
  }
}
