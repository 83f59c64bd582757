import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultEventsService,
  EventParams,
  EventsService,
} from '@backstage/plugin-events-node';
import {
  SavingsReportDeliveredEvent,
  SavingsReportPublishedEvent,
  SAVINGS_REPORT_DELIVERED_TOPIC,
  SAVINGS_REPORT_TOPIC,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { cloudopsTestDatabases } from '../../__testUtils__/testDatabases';
import { ShardedTasks } from '../../scheduling/ShardedTasks';
import { readSavingsOptions } from '../savingsOptions';
import { SavingsReports } from './SavingsReports';

jest.setTimeout(60_000);

const databases = cloudopsTestDatabases();
const at = (iso: string) => new Date(`${iso}Z`);

/**
 * The weekly reports with a real database and events service, and a mailer
 * on the report topic that confirms what it emails, while `mailUp`.
 */
async function setUp(options: { recipients: string[] }) {
  const { database } = await databases.create('SQLITE_3');
  const bus = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
  });
  let publishUp = true;
  const events: EventsService = {
    subscribe: o => bus.subscribe(o),
    publish: async (params: EventParams) => {
      if (!publishUp) throw new Error('the backend is stopping');
      await bus.publish(params);
    },
  };
  const mailed: string[] = [];
  const mailer = { up: true };
  await bus.subscribe({
    id: 'test-mailer',
    topics: [SAVINGS_REPORT_TOPIC],
    onEvent: async ({ eventPayload }) => {
      const { reportId } = eventPayload as SavingsReportPublishedEvent;
      if (!mailer.up) return;
      mailed.push(reportId);
      const delivered: SavingsReportDeliveredEvent = {
        reportId,
        channel: 'test',
        deliveredAt: new Date().toISOString(),
      };
      await bus.publish({
        topic: SAVINGS_REPORT_DELIVERED_TOPIC,
        eventPayload: delivered,
      });
    },
  });
  const reports = new SavingsReports({
    database,
    events,
    logger: mockServices.logger.mock(),
    options: readSavingsOptions(
      new ConfigReader({
        cloudops: { savings: { report: { recipients: options.recipients } } },
      }),
    ),
    forecastRuleIds: () => new Set(),
  });
  const tasks = { schedule: async () => {} } as unknown as ShardedTasks;
  await reports.schedule(tasks);
  const stored = async () =>
    (await database.stores.savingsReports.list({ limit: 10 })).map(r => r.id);
  return {
    reports,
    mailer,
    mailed,
    stored,
    publishing: (up: boolean) => {
      publishUp = up;
    },
  };
}

describe('SavingsReports', () => {
  it('announces a stored report on the next run when the backend stopped before announcing it', async () => {
    const { reports, mailed, stored, publishing } = await setUp({
      recipients: ['cfo@example.com'],
    });
    publishing(false);
    await expect(reports.run(at('2026-11-16T06:00:00'))).rejects.toThrow(
      'the backend is stopping',
    );
    const [report] = await stored();
    expect(mailed).toEqual([]);

    publishing(true);
    expect(await reports.run(at('2026-11-17T06:00:00'))).toBe(1);
    expect(mailed).toEqual([report]);
    expect(await reports.run(at('2026-11-18T06:00:00'))).toBe(0);
    expect(mailed).toEqual([report]);
  });

  it('announces a report until it is delivered, not within the hour, and never after', async () => {
    const { reports, mailer, mailed, stored } = await setUp({
      recipients: ['cfo@example.com'],
    });
    mailer.up = false;
    expect(await reports.run(at('2026-11-16T06:00:00'))).toBe(1);
    const [report] = await stored();
    mailer.up = true;
    // A second trigger right after leaves the first announcement time to be confirmed.
    expect(await reports.run(at('2026-11-16T06:30:00'))).toBe(0);
    expect(mailed).toEqual([]);

    expect(await reports.run(at('2026-11-17T06:00:00'))).toBe(1);
    expect(mailed).toEqual([report]);
    expect(await reports.run(at('2026-11-18T06:00:00'))).toBe(0);
    // The next week's report is announced once, on its own.
    expect(await reports.run(at('2026-11-23T06:00:00'))).toBe(1);
    expect(mailed).toEqual([report, (await stored())[0]]);
    expect(await stored()).toHaveLength(2);
  });

  it('stores but announces nothing without recipients', async () => {
    const { reports, mailed, stored } = await setUp({ recipients: [] });
    expect(await reports.run(at('2026-11-16T06:00:00'))).toBe(1);
    expect(await reports.run(at('2026-11-17T06:00:00'))).toBe(0);
    expect(await stored()).toHaveLength(1);
    expect(mailed).toEqual([]);
  });
});
