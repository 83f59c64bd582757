import { SavingsReportContent } from '@cloudops-ai/backstage-plugin-cloudops-common';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatMoney, reportCharts, REPORT_SECTIONS } from './reportCharts';
import { reportWeek, restatementNotes } from './reportText';
import { renderChartSvg } from './svgCharts';

/** The weekly report as a PDF (A4, built-in Helvetica, charts as vector graphics). */
export function renderReportPdf(report: SavingsReportContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: {
      Title: report.title,
      Author: 'CloudOps AI',
      CreationDate: new Date(report.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', chunk => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const m = (amount: number) => formatMoney(amount, report.currency);
  const [saved, projected, top, changed, risk, incidents, next] =
    REPORT_SECTIONS;
  const heading = (text: string) => {
    if (doc.y > 700) doc.addPage();
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .fillColor('#222')
      .text(text);
    doc.font('Helvetica').fontSize(10);
  };
  const chart = (svg: string) => {
    if (doc.y > 560) doc.addPage();
    SVGtoPDF(doc, svg, doc.page.margins.left, doc.y + 6, {
      width: 500,
      height: 180,
    });
    doc.y += 190;
  };
  const [weeklyChart, riskChart] = reportCharts(report).map(c =>
    renderChartSvg(c),
  );

  doc.font('Helvetica-Bold').fontSize(18).text(report.title);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#666')
    .text(
      `Week of ${reportWeek(report)}, generated ${report.generatedAt}${
        report.readOnly ? ', read-only pilot mode' : ''
      }`,
    )
    .fillColor('#222');
  heading(saved);
  doc.text(
    `${m(report.savedThisWeek)} (last week ${m(
      report.savedLastWeek,
    )}); realized to date ${m(report.realizedToDate)}.`,
  );
  heading(projected);
  doc.text(
    `${m(
      report.projectedNextWeek,
    )}: the measured run-rate plus merged changes. Open potential: ${m(
      report.potentialMonthlySavings,
    )} a month.`,
  );
  chart(weeklyChart);
  restatementNotes(report).forEach(note => doc.text(note));
  heading(top);
  if (report.topOpportunities.length === 0) doc.text('No open opportunities.');
  report.topOpportunities.forEach((o, i) =>
    doc.text(
      `${i + 1}. ${o.title}: ${m(o.monthlySavings)} a month, risk ${
        o.risk.score
      } (${o.risk.level}), ${o.state}, ${
        o.entityRef ?? 'no entity'
      }, template ${o.remediation.template}`,
    ),
  );
  heading(changed);
  if (report.changes.length === 0) doc.text('No ledger moves this week.');
  report.changes.forEach(c =>
    doc.text(`${c.count} moved to ${c.to} (${m(c.monthlySavings)} a month)`),
  );
  report.newByKind.forEach(k =>
    doc.text(`${k.count} new ${k.kind} (${m(k.monthlySavings)} a month)`),
  );
  heading(risk);
  doc.text(
    `Savings-weighted risk score of the open opportunities: ${report.risk.weightedScore} of 100.`,
  );
  (['low', 'medium', 'high'] as const).forEach(level =>
    doc.text(
      `${level}: ${report.risk.byLevel[level].count} opportunities, ${m(
        report.risk.byLevel[level].monthlySavings,
      )} a month`,
    ),
  );
  chart(riskChart);
  heading(incidents);
  doc.text(
    `${report.incidents.avoided} predicted breaches (forecast rules) were resolved before the threshold was crossed. Incidents this week: ${report.incidents.thisWeek} (last week ${report.incidents.lastWeek}); after a savings change on the same service: ${report.incidents.afterSavingsChanges}.`,
  );
  heading(next);
  report.nextSteps.forEach((step, i) => doc.text(`${i + 1}. ${step}`));
  doc.end();
  return done;
}
