import { EvidenceChart } from '@cloudops-ai/backstage-plugin-cloudops-common';
import escapeHtml from 'escape-html';

const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df'];
const MARGIN = { top: 28, right: 16, bottom: 34, left: 56 };

/**
 * Round ticks (steps of 1, 2, 5 × 10^n) through 0, from at most `min` (0 or
 * below) to at least `max`, about `count` steps.
 */
export function niceTicks(max: number, count = 4, min = 0): number[] {
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  if (!(high - low > 0)) return [0, 1];
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= raw) ?? 10 * magnitude;
  const ticks = [Math.floor(low / step)];
  while (ticks[ticks.length - 1] * step < high) {
    ticks.push(ticks[ticks.length - 1] + 1);
  }
  return ticks.map(i => Number((i * step).toPrecision(12)) || 0);
}

function formatTick(value: number): string {
  if (Math.abs(value) >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (Math.abs(value) >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  return `${Number(value.toPrecision(3))}`;
}

function formatTime(t: number, spanMs: number): string {
  const iso = new Date(t).toISOString();
  return spanMs > 2 * 86_400_000 ? iso.slice(5, 10) : iso.slice(11, 16);
}

/**
 * Renders a chart as a standalone SVG (no scripts, no external references),
 * for the HTML reports and, through svg-to-pdfkit, the PDF: lines or bars
 * over time (or over categories), a y axis through zero with round ticks
 * (negative values below the zero line, bars hanging from it), and the
 * chart's thresholds as dashed lines.
 */
export function renderChartSvg(
  chart: EvidenceChart,
  size: { width: number; height: number } = { width: 560, height: 200 },
): string {
  const { width, height } = size;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const points = chart.series.flatMap(s => s.points);
  const values = [
    ...points.map(p => p.v),
    ...(chart.thresholds ?? []).map(t => t.value),
  ];
  const ticks = niceTicks(Math.max(0, ...values), 4, Math.min(0, ...values));
  const yMin = ticks[0];
  const yMax = ticks[ticks.length - 1];
  const times = points.map(p => p.t);
  const t0 = chart.categories ? -0.5 : Math.min(...times);
  const t1 = chart.categories
    ? chart.categories.length - 0.5
    : Math.max(...times);
  const span = Math.max(1, t1 - t0);
  const x = (t: number) => MARGIN.left + ((t - t0) / span) * plotW;
  const y = (v: number) =>
    MARGIN.top + plotH - ((v - yMin) / (yMax - yMin)) * plotH;
  const parts: string[] = [];
  const text = (
    tx: number,
    ty: number,
    content: string,
    anchor = 'start',
    extra = '',
  ) =>
    `<text x="${tx.toFixed(1)}" y="${ty.toFixed(
      1,
    )}" font-size="10" font-family="Helvetica" text-anchor="${anchor}" fill="#444"${extra}>${escapeHtml(
      content,
    )}</text>`;

  parts.push(
    text(
      MARGIN.left,
      16,
      `${chart.title} (${chart.unit})`,
      'start',
      ' font-weight="bold"',
    ),
  );
  for (const tick of ticks) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y(
        tick,
      ).toFixed(1)}" y2="${y(tick).toFixed(
        1,
      )}" stroke="#e5e5e5" stroke-width="1"/>`,
      text(MARGIN.left - 6, y(tick) + 3, formatTick(tick), 'end'),
    );
  }
  if (points.length > 0) {
    const labels = chart.categories
      ? chart.categories.map((label, i) => ({ t: i, label }))
      : [0, 0.5, 1].map(f => ({
          t: t0 + f * (t1 - t0),
          label: formatTime(t0 + f * (t1 - t0), span),
        }));
    const step = Math.max(1, Math.ceil(labels.length / 8));
    labels
      .filter((_, i) => i % step === 0)
      .forEach(l =>
        parts.push(
          text(x(l.t), height - MARGIN.bottom + 14, l.label, 'middle'),
        ),
      );
  }

  chart.series.forEach((series, i) => {
    const color = COLORS[i % COLORS.length];
    if (chart.kind === 'bar') {
      const slots =
        chart.categories?.length ?? Math.max(1, series.points.length);
      const w = Math.max(1, ((plotW / slots) * 0.7) / chart.series.length);
      for (const p of series.points) {
        const left = chart.categories
          ? x(p.t) - (w * chart.series.length) / 2 + i * w
          : x(p.t) - w / 2 + i * w;
        const top = Math.min(y(p.v), y(0));
        parts.push(
          `<rect x="${left.toFixed(1)}" y="${top.toFixed(
            1,
          )}" width="${w.toFixed(1)}" height="${Math.abs(y(p.v) - y(0)).toFixed(
            1,
          )}" fill="${color}"/>`,
        );
      }
    } else if (series.points.length > 0) {
      const path = series.points
        .map(p => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`)
        .join(' ');
      parts.push(
        `<polyline points="${path}" fill="none" stroke="${color}" stroke-width="1.5"/>`,
      );
    }
  });
  for (const threshold of chart.thresholds ?? []) {
    const ty = y(threshold.value).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${
        width - MARGIN.right
      }" y1="${ty}" y2="${ty}" stroke="#9a6700" stroke-width="1" stroke-dasharray="4 3"/>`,
      text(
        width - MARGIN.right - 2,
        Number(ty) - 3,
        `${threshold.label} ${formatTick(threshold.value)}`,
        'end',
      ),
    );
  }
  if (chart.series.length > 1) {
    chart.series.forEach((series, i) =>
      parts.push(
        `<rect x="${width - MARGIN.right - 110}" y="${
          8 + i * 12
        }" width="8" height="8" fill="${COLORS[i % COLORS.length]}"/>`,
        text(width - MARGIN.right - 98, 15 + i * 12, series.name),
      ),
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${
      MARGIN.top + plotH
    }" stroke="#888"/>`,
    `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y(0).toFixed(
      1,
    )}" y2="${y(0).toFixed(1)}" stroke="#888"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(
    chart.title,
  )}">${parts.join('')}</svg>`;
}
