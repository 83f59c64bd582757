import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import {
  SavingsReportPublishedEvent,
  SAVINGS_REPORT_DELIVERED_TOPIC,
  SAVINGS_REPORT_TOPIC,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SavingsReportMailer } from './SavingsReportMailer';
import { SesMailer } from './SesMailer';

const announcement = (
  reportId: string,
  recipients: string[],
): SavingsReportPublishedEvent => ({
  reportId,
  title: 'Weekly cloud savings',
  periodStart: '2026-11-09T00:00:00.000Z',
  periodEnd: '2026-11-16T00:00:00.000Z',
  currency: 'USD',
  savedThisWeek: 19.2,
  projectedNextWeek: 33.6,
  recipients,
  htmlPath: `/savings/reports/${reportId}/download?format=html`,
  pdfPath: `/savings/reports/${reportId}/download?format=pdf`,
});

describe('SavingsReportMailer', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) =>
      res.end(req.url?.endsWith('pdf') ? '%PDF-1.3' : '<html></html>'),
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('confirms the reports it emailed, not one it could not email or had nobody to email to', async () => {
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    const confirmed: unknown[] = [];
    await events.subscribe({
      id: 'test-core',
      topics: [SAVINGS_REPORT_DELIVERED_TOPIC],
      onEvent: async ({ eventPayload }) => {
        confirmed.push(eventPayload);
      },
    });
    const send = jest
      .fn()
      .mockRejectedValueOnce(new Error('Throttling'))
      .mockRejectedValueOnce(new Error('Throttling'))
      .mockRejectedValueOnce(new Error('Throttling'))
      .mockResolvedValue('ses-message-1');
    await new SavingsReportMailer({
      events,
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => base,
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      mailer: { send } as unknown as SesMailer,
      retryDelayMs: 1,
    }).subscribe();
    const announce = (event: SavingsReportPublishedEvent) =>
      events.publish({ topic: SAVINGS_REPORT_TOPIC, eventPayload: event });

    // Three failed attempts: left for the core's next run.
    await announce(announcement('r1', ['cfo@example.com']));
    expect(send).toHaveBeenCalledTimes(3);
    expect(confirmed).toEqual([]);

    await announce(announcement('r1', ['cfo@example.com']));
    expect(send).toHaveBeenCalledTimes(4);
    expect(confirmed).toEqual([
      { reportId: 'r1', channel: 'ses', deliveredAt: expect.any(String) },
    ]);

    await announce(announcement('r2', []));
    expect(send).toHaveBeenCalledTimes(4);
    expect(confirmed).toHaveLength(1);
  });
});
