import { OpportunityDetail } from '@cloudops-ai/backstage-plugin-cloudops-common';
import escapeHtml from 'escape-html';
import { formatMoney } from './reportCharts';
import { renderChartSvg } from './svgCharts';

/**
 * One opportunity's evidence pack: what was found and why, the usage charts
 * with their thresholds, the risk factors, the recommended change with its
 * remediation template, and the ledger history with post-change
 * measurements. One self-contained HTML page.
 */
export function renderEvidencePack(o: OpportunityDetail): string {
  const e = escapeHtml;
  const m = (amount: number) => e(formatMoney(amount, o.currency));
  const spec = (s: Record<string, unknown>) =>
    Object.entries(s)
      .map(([k, v]) => `${e(k)}=${e(String(v))}`)
      .join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evidence: ${e(
    o.title,
  )}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;color:#222;max-width:900px;margin:24px auto;padding:0 16px}h2{font-size:16px;border-bottom:1px solid #ddd}table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;font-size:13px}</style></head>
<body>
<h1>${e(o.title)}</h1>
<p>${e(o.kind)} · ${e(o.resource.id)} · ${e(
    o.entityRef ?? 'no catalog entity',
  )} · state <b>${e(o.state)}</b></p>
<h2>Savings</h2>
<table>
<tr><th>now</th><td>${e(o.current.description)}</td><td>${m(
    o.current.monthlyCost,
  )} a month</td></tr>
<tr><th>recommended</th><td>${e(o.recommended.description)}</td><td>${m(
    o.recommended.monthlyCost,
  )} a month</td></tr>
<tr><th>saves</th><td colspan="2"><b>${m(
    o.monthlySavings,
  )}</b> a month · confidence ${Math.round(o.confidence * 100)}%</td></tr>
<tr><th>remediation</th><td colspan="2">template <code>${e(
    o.remediation.template,
  )}</code> with ${spec(o.remediation.parameters)}</td></tr>
</table>
<h2>Why</h2>
<ul>${o.evidence.summary.map(s => `<li>${e(s)}</li>`).join('')}</ul>
${o.evidence.charts
  .map(c => renderChartSvg(c, { width: 760, height: 240 }))
  .join('\n')}
<h2>Risk ${o.risk.score} (${e(o.risk.level)})</h2>
<ul>${o.risk.factors.map(f => `<li>${e(f)}</li>`).join('')}</ul>
<h2>Ledger</h2>
<table><tr><th>when</th><th>move</th><th>by</th><th>note</th></tr>
${o.ledger
  .map(
    l =>
      `<tr><td>${e(l.createdAt)}</td><td>${e(l.from ?? '—')} → ${e(
        l.to,
      )}</td><td>${e(l.actor)}</td><td>${e(l.note ?? '')}</td></tr>`,
  )
  .join('')}
</table>
${
  o.observations.length
    ? `<h2>After the change</h2><table><tr><th>window</th><th>in place</th><th>baseline</th><th>actual</th><th>saved</th><th>peak</th></tr>${o.observations
        .map(
          b =>
            `<tr><td>${e(b.windowStart)} – ${e(b.windowEnd)}</td><td>${
              b.applied ? 'yes' : 'no'
            }</td><td>${m(b.baselineCost)}</td><td>${m(
              b.actualCost,
            )}</td><td>${m(b.savings)}</td><td>${
              b.peakUtilization === undefined
                ? '—'
                : `${Math.round(b.peakUtilization * 100)}%`
            }</td></tr>`,
        )
        .join('')}</table>`
    : ''
}
</body></html>
`;
}
