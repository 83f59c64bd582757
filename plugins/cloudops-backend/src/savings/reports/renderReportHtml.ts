import { SavingsReportContent } from '@cloudops-ai/backstage-plugin-cloudops-common';
import escapeHtml from 'escape-html';
import { formatMoney, reportCharts, REPORT_SECTIONS } from './reportCharts';
import { reportWeek, restatementNotes } from './reportText';
import { renderChartSvg } from './svgCharts';

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;color:#222;max-width:900px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:16px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
.kpis{display:flex;gap:16px;flex-wrap:wrap}.kpi{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:180px}
.kpi b{display:block;font-size:20px}table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left}td.n{text-align:right}.muted{color:#666;font-size:12px}
.risk-high{color:#d1242f}.risk-medium{color:#9a6700}.risk-low{color:#1a7f37}`;

/** The weekly report as one self-contained HTML page, charts inline as SVG. */
export function renderReportHtml(report: SavingsReportContent): string {
  const m = (amount: number) =>
    escapeHtml(formatMoney(amount, report.currency));
  const e = escapeHtml;
  const [saved, projected, top, changed, risk, incidents, next] =
    REPORT_SECTIONS;
  const [weeklyChart, riskChart] = reportCharts(report).map(c =>
    renderChartSvg(c),
  );
  const rows = report.topOpportunities
    .map(
      (o, i) =>
        `<tr><td>${i + 1}</td><td>${e(o.title)}</td><td>${e(
          o.entityRef ?? '—',
        )}</td><td>${e(o.state)}</td><td class="n">${m(
          o.monthlySavings,
        )}</td><td class="risk-${o.risk.level}">${o.risk.score} (${
          o.risk.level
        })</td><td>${e(o.remediation.template)}</td></tr>`,
    )
    .join('');
  const changes = report.changes
    .map(
      c =>
        `<tr><td>${e(c.to)}</td><td class="n">${c.count}</td><td class="n">${m(
          c.monthlySavings,
        )}</td></tr>`,
    )
    .join('');
  const newKinds = report.newByKind
    .map(
      k =>
        `<li>${k.count} new ${e(k.kind)} (${m(k.monthlySavings)} a month)</li>`,
    )
    .join('');
  const levels = (['low', 'medium', 'high'] as const)
    .map(
      l =>
        `<tr><td class="risk-${l}">${l}</td><td class="n">${
          report.risk.byLevel[l].count
        }</td><td class="n">${m(
          report.risk.byLevel[l].monthlySavings,
        )}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(
    report.title,
  )}</title><style>${STYLE}</style></head>
<body>
<h1>${e(report.title)}</h1>
<p class="muted">Week of ${e(reportWeek(report))} · generated ${e(
    report.generatedAt,
  )}${report.readOnly ? ' · read-only pilot mode' : ''}</p>
<div class="kpis">
<div class="kpi" id="saved"><span>${saved}</span><b>${m(
    report.savedThisWeek,
  )}</b><span class="muted">last week ${m(report.savedLastWeek)}</span></div>
<div class="kpi" id="projected"><span>${projected}</span><b>${m(
    report.projectedNextWeek,
  )}</b><span class="muted">measured run-rate plus merged changes</span></div>
<div class="kpi"><span>Realized to date</span><b>${m(
    report.realizedToDate,
  )}</b><span class="muted">open potential ${m(
    report.potentialMonthlySavings,
  )} a month</span></div>
</div>
${weeklyChart}
${restatementNotes(report)
  .map(note => `<p class="muted">${e(note)}</p>`)
  .join('')}
<h2>${top}</h2>
<table><tr><th>#</th><th>opportunity</th><th>entity</th><th>state</th><th>monthly</th><th>risk</th><th>remediation template</th></tr>${
    rows || '<tr><td colspan="7">No open opportunities.</td></tr>'
  }</table>
<h2>${changed}</h2>
<table><tr><th>moved to</th><th>count</th><th>monthly savings</th></tr>${
    changes || '<tr><td colspan="3">No ledger moves this week.</td></tr>'
  }</table>
<ul>${newKinds}</ul>
<h2>${risk}</h2>
<p>Savings-weighted risk score of the open opportunities: <b>${
    report.risk.weightedScore
  }</b> of 100.</p>
<table><tr><th>level</th><th>count</th><th>monthly savings</th></tr>${levels}</table>
${riskChart}
<h2>${incidents}</h2>
<p><b>${
    report.incidents.avoided
  }</b> predicted breaches (forecast rules) were resolved before the threshold was crossed. Incidents this week: ${
    report.incidents.thisWeek
  } (last week ${
    report.incidents.lastWeek
  }); after a savings change on the same service: ${
    report.incidents.afterSavingsChanges
  }.</p>
<h2>${next}</h2>
<ol>${report.nextSteps.map(s => `<li>${e(s)}</li>`).join('')}</ol>
</body></html>
`;
}
