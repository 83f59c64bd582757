import { mockServices } from '@backstage/backend-test-utils';
import { SavingsReportContent } from '@cloudops-ai/backstage-plugin-cloudops-common';
import path from 'node:path';
import { testCatalogSnapshot } from '../__testUtils__/testCatalog';
import { cloudopsTestDatabases } from '../__testUtils__/testDatabases';
import { idleFinding } from '../savings/__testUtils__/findings';
import { mergeOpportunity } from '../savings/__testUtils__/ledger';
import { OpportunityPipeline } from '../savings/OpportunityPipeline';
import { CloudopsDatabase } from './CloudopsDatabase';

jest.setTimeout(120_000);

const databases = cloudopsTestDatabases();
const at = (iso: string) => new Date(`${iso}Z`);
// The week of 2026-11-09 (a Monday) to 2026-11-16.
const week = {
  start: at('2026-11-09T00:00:00'),
  end: at('2026-11-16T00:00:00'),
};

const reportOf = (periodStart: string) =>
  ({
    periodStart: `${periodStart}T00:00:00.000Z`,
    periodEnd: new Date(
      Date.parse(`${periodStart}T00:00:00Z`) + 7 * 86_400_000,
    ).toISOString(),
    generatedAt: '2026-11-16T06:00:00.000Z',
    title: 'Weekly',
  } as SavingsReportContent);

async function incidents(
  database: CloudopsDatabase,
  count: number,
  input: {
    entityRef?: string;
    ruleId?: string;
    createdAt: Date;
    resolvedAt?: Date;
  },
) {
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const incident = await database.stores.incidents.createIncident({
        title: `Incident ${i}`,
        severity: 'warning',
        createdBy: 'test',
        entityRef: input.entityRef,
        ruleId: input.ruleId,
        createdAt: new Date(input.createdAt.getTime() + i * 1000),
      });
      if (input.resolvedAt) {
        await database.stores.incidents.updateIncident(incident.id, {
          state: 'resolved',
          resolvedAt: input.resolvedAt,
          updatedAt: input.resolvedAt,
        });
      }
    }),
  );
}

describe('DatabaseSavingsReportStore', () => {
  it.each(databases.ids)(
    'announces a report until a channel confirms it on %p',
    async id => {
      const { database } = await databases.create(id);
      const reports = database.stores.savingsReports;
      const pdf = Buffer.from('%PDF-');
      const older = await reports.insert({
        content: reportOf('2026-11-02'),
        html: '',
        pdf,
      });
      const latest = await reports.insert({
        content: reportOf('2026-11-09'),
        html: '',
        pdf,
      });
      const due = (announcedBefore: string, since = '2026-11-02T00:00:00') =>
        reports
          .listUndelivered({
            since: at(since),
            announcedBefore: at(announcedBefore),
          })
          .then(list => list.map(r => r.id));

      expect(await due('2026-11-16T06:00:00')).toEqual([older!.id, latest!.id]);
      expect(await due('2026-11-16T06:00:00', '2026-11-09T00:00:00')).toEqual([
        latest!.id,
      ]);
      await reports.markAnnounced(latest!.id, at('2026-11-16T06:00:00'));
      // Not again while its announcement may still be confirmed.
      expect(await due('2026-11-16T06:00:00')).toEqual([older!.id]);
      expect(await due('2026-11-17T05:00:00')).toEqual([older!.id, latest!.id]);
      expect(
        await reports.markDelivered(latest!.id, at('2026-11-16T06:00:01')),
      ).toBe(true);
      expect(
        await reports.markDelivered(latest!.id, at('2026-11-16T06:00:02')),
      ).toBe(false);
      expect(await reports.markDelivered('nope', new Date())).toBe(false);
      expect(await due('2026-11-17T05:00:00')).toEqual([older!.id]);
    },
  );

  it.each(databases.ids)(
    'counts reports stored before delivery was tracked as delivered on %p',
    async id => {
      const { knex, database } = await databases.create(id);
      const directory = path.resolve(__dirname, '../../migrations');
      await knex.migrate.down({
        directory,
        name: '20261129010000_savings_report_delivery.js',
      });
      await knex('savings_reports').insert({
        id: '9b2f3c1e-7d4a-4e8b-9a6f-0c1d2e3f4a5b',
        period_start: at('2026-11-09T00:00:00'),
        period_end: at('2026-11-16T00:00:00'),
        generated_at: at('2026-11-16T06:00:00'),
        content: JSON.stringify(reportOf('2026-11-09')),
        html: '',
        pdf: Buffer.from('%PDF-'),
      });
      await knex.migrate.latest({ directory });
      expect(
        await database.stores.savingsReports.listUndelivered({
          since: at('2026-11-01T00:00:00'),
          announcedBefore: at('2026-12-01T00:00:00'),
        }),
      ).toEqual([]);
    },
  );

  it.each(databases.ids)(
    "counts all of a week's incidents, more than 500, on %p",
    async id => {
      const { database } = await databases.create(id);
      const pipeline = new OpportunityPipeline({
        database,
        catalog: await testCatalogSnapshot(),
        auditor: mockServices.auditor.mock(),
        incidentLookbackMs: 30 * 86_400_000,
      });
      await pipeline.record(
        'aws-ec2',
        'acct',
        [
          {
            ...idleFinding('i-checkout', 146),
            entityRef: 'component:default/checkout',
          },
        ],
        at('2026-11-02T06:00:00'),
      );
      const [opportunity] = (
        await database.stores.opportunities.list(
          {},
          { limit: 1, offset: 0, sort: 'savings' },
        )
      ).items;
      await mergeOpportunity(
        database,
        opportunity.id,
        at('2026-11-10T09:00:00'),
      );
      const checkout = 'component:default/checkout';
      const forecast = 'disk-forecast';

      // After the change on its entity: 520, more than one page.
      await incidents(database, 520, {
        entityRef: checkout,
        createdAt: at('2026-11-11T12:00:00'),
      });
      // Before the change, and on another entity.
      await incidents(database, 1, {
        entityRef: checkout,
        createdAt: at('2026-11-09T12:00:00'),
      });
      await incidents(database, 1, {
        entityRef: 'component:default/payments',
        createdAt: at('2026-11-11T12:00:00'),
      });
      // Predicted breaches resolved in the week: 510, and one opened the week before.
      await incidents(database, 510, {
        ruleId: forecast,
        createdAt: at('2026-11-12T12:00:00'),
        resolvedAt: at('2026-11-13T12:00:00'),
      });
      await incidents(database, 1, {
        ruleId: forecast,
        createdAt: at('2026-11-05T12:00:00'),
        resolvedAt: at('2026-11-10T12:00:00'),
      });
      // Resolved after the week ended, still open, or of another rule.
      await incidents(database, 1, {
        ruleId: forecast,
        createdAt: at('2026-11-15T12:00:00'),
        resolvedAt: at('2026-11-17T12:00:00'),
      });
      await incidents(database, 1, {
        ruleId: forecast,
        createdAt: at('2026-11-15T13:00:00'),
      });
      await incidents(database, 1, {
        ruleId: 'cpu-high',
        createdAt: at('2026-11-15T14:00:00'),
        resolvedAt: at('2026-11-15T15:00:00'),
      });

      expect(
        await database.stores.savingsReports.incidentFigures({
          ...week,
          forecastRuleIds: new Set([forecast]),
        }),
      ).toEqual({
        thisWeek: 520 + 1 + 1 + 510 + 3,
        lastWeek: 1,
        avoided: 511,
        afterSavingsChanges: 520,
      });
      expect(
        await database.stores.savingsReports.incidentFigures({
          ...week,
          forecastRuleIds: new Set(),
        }),
      ).toMatchObject({ avoided: 0 });
    },
  );
});
