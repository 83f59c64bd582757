import { mockServices } from '@backstage/backend-test-utils';
import { testCatalogSnapshot } from '../../__testUtils__/testCatalog';
import { cloudopsTestDatabases } from '../../__testUtils__/testDatabases';
import { idleFinding } from '../__testUtils__/findings';
import { pdfText } from '../__testUtils__/pdfText';
import { OpportunityPipeline } from '../OpportunityPipeline';
import { moveOpportunity } from '../SavingsLedger';
import { mergeOpportunity, testValidation } from '../__testUtils__/ledger';
import { buildWeeklyReport, lastFullWeek } from './buildWeeklyReport';
import { renderReportHtml } from './renderReportHtml';
import { renderReportPdf } from './renderReportPdf';
import { REPORT_SECTIONS } from './reportCharts';

jest.setTimeout(60_000);

// Monday 2026-11-16 08:00: the report covers 2026-11-09 to 2026-11-16.
const NOW = new Date('2026-11-16T08:00:00Z');
const at = (iso: string) => new Date(`${iso}Z`);

const databases = cloudopsTestDatabases();

async function seeded() {
  const { database } = await databases.create('SQLITE_3');
  const catalog = await testCatalogSnapshot();
  const pipeline = new OpportunityPipeline({
    database,
    catalog,
    auditor: mockServices.auditor.mock(),
    incidentLookbackMs: 30 * 86_400_000,
  });
  const checkout = {
    ...idleFinding('i-checkout', 146),
    entityRef: 'component:default/checkout',
  };
  const findings = [
    checkout,
    ...Array.from({ length: 11 }, (_, i) => idleFinding(`i-${i}`, 10 + i)),
  ];
  await pipeline.record('aws-ec2', 'acct', findings, at('2026-11-02T06:00:00'));
  const store = database.stores.opportunities;
  const [top] = (await store.list({}, { limit: 1, offset: 0, sort: 'savings' }))
    .items;
  await mergeOpportunity(database, top.id, at('2026-11-10T09:00:00'));
  const validation = testValidation(database, 30);
  // 146 a month is 0.2 an hour; the stopped instance cost nothing.
  await validation.apply(
    'aws-ec2',
    'acct',
    [
      {
        opportunityId: top.id,
        windowStart: at('2026-11-10T09:00:00'),
        windowEnd: at('2026-11-14T09:00:00'),
        applied: true,
        actualCost: 0,
        costSource: 'usage-x-price',
      },
    ],
    at('2026-11-14T10:00:00'),
  );
  // An incident on checkout a day after the change, and a predicted breach resolved.
  await database.stores.incidents.createIncident({
    title: 'Checkout latency',
    severity: 'high',
    entityRef: 'component:default/checkout',
    createdBy: 'cloudops',
    createdAt: at('2026-11-11T12:00:00'),
  });
  const forecast = await database.stores.incidents.createIncident({
    title: 'Disk will fill',
    severity: 'warning',
    createdBy: 'cloudops',
    ruleId: 'disk-forecast',
    createdAt: at('2026-11-12T12:00:00'),
  });
  await database.stores.incidents.updateIncident(forecast.id, {
    state: 'resolved',
    resolvedAt: at('2026-11-12T14:00:00'),
    updatedAt: at('2026-11-12T14:00:00'),
  });
  const report = (now: Date) =>
    buildWeeklyReport({
      stores: database.stores,
      now,
      currency: 'USD',
      readOnly: false,
      title: 'Weekly cloud savings report',
      forecastRuleIds: new Set(['disk-forecast']),
    });
  return { database, opportunityId: top.id, report };
}

const seededReport = async () => (await seeded()).report(NOW);

describe('the weekly CFO/CTO report', () => {
  it('covers the last full week', () => {
    expect(lastFullWeek(NOW)).toEqual({
      start: at('2026-11-09T00:00:00'),
      end: at('2026-11-16T00:00:00'),
    });
    expect(lastFullWeek(at('2026-11-22T23:00:00')).end).toEqual(
      at('2026-11-16T00:00:00'),
    );
  });

  it('adds up measured savings, projections, changes, risk and incidents', async () => {
    const report = await seededReport();
    // Four days of 0.2 an hour.
    expect(report.savedThisWeek).toBeCloseTo(19.2, 6);
    expect(report.savedLastWeek).toBe(0);
    // Measured run-rate (146 a month) for a week.
    expect(report.projectedNextWeek).toBeCloseTo((146 * 168) / 730, 6);
    expect(report.topOpportunities).toHaveLength(10);
    expect(report.topOpportunities[0].monthlySavings).toBe(20);
    expect(report.changes).toEqual(
      expect.arrayContaining([
        { to: 'pr_opened', count: 1, monthlySavings: 146 },
        { to: 'merged', count: 1, monthlySavings: 146 },
        { to: 'validated', count: 1, monthlySavings: 146 },
      ]),
    );
    expect(report.incidents).toEqual({
      thisWeek: 2,
      lastWeek: 0,
      avoided: 1,
      afterSavingsChanges: 1,
    });
    expect(
      report.risk.byLevel.high.count +
        report.risk.byLevel.medium.count +
        report.risk.byLevel.low.count,
    ).toBe(11);
    expect(report.weeklySavings.map(w => w.amount).slice(-2)).toEqual([
      0,
      report.savedThisWeek,
    ]);
    expect(report.nextSteps.join(' ')).toMatch(
      /incidents followed a savings change/,
    );
  });

  it('renders HTML with every section and SVG charts, and a PDF whose text has them too', async () => {
    const report = await seededReport();
    const html = renderReportHtml(report);
    for (const section of REPORT_SECTIONS) expect(html).toContain(section);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('USD 19.20');
    expect(html).toContain('cloudops-ec2-stop-idle');
    expect(html).not.toMatch(/<script/i);

    const pdf = await renderReportPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const section of REPORT_SECTIONS) expect(text).toContain(section);
    expect(text).toContain('USD 19.20');
    expect(text).toContain('Measured savings per week (USD)');
    expect(text).toContain('Idle EC2 instance i-10');
    expect(text).toMatch(/1 predicted breaches/);
  });

  it("heads HTML and PDF with the week's first and last day", async () => {
    const report = await seededReport();
    expect(renderReportHtml(report)).toContain(
      'Week of 2026-11-09 to 2026-11-15 ·',
    );
    const text = pdfText(await renderReportPdf(report)).replace(/\s+/g, ' ');
    expect(text).toContain('Week of 2026-11-09 to 2026-11-15,');
  });

  it('says which past weeks were restated since their own report', async () => {
    const { database, opportunityId, report } = await seeded();
    const first = await report(NOW);
    await database.stores.savingsReports.insert({
      content: first,
      html: '',
      pdf: Buffer.from(''),
    });
    // Rejected after its week was reported: the week no longer counts it.
    await database.transaction(async stores =>
      moveOpportunity(
        stores,
        (await stores.opportunities.get(opportunityId))!,
        {
          to: 'rejected',
          actor: 'user:default/ana',
          at: at('2026-11-18T09:00:00'),
        },
      ),
    );
    const next = await report(at('2026-11-23T08:00:00'));
    expect(next.restatements).toEqual([
      {
        periodStart: '2026-11-09T00:00:00.000Z',
        reported: first.savedThisWeek,
        amount: 0,
      },
    ]);
    const note =
      'Restated: the week of 2026-11-09 was first reported as USD 19.20 and is now USD 0.00';
    expect(renderReportHtml(next)).toContain(note);
    const text = pdfText(await renderReportPdf(next)).replace(/\s+/g, ' ');
    expect(text).toContain(note);
    expect(first.restatements).toEqual([]);
  });
});
