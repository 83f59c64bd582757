import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { cloudopsTranslationRef } from '../../translation';
import { VisuallyHidden } from './VisuallyHidden';

/** One point of a charted series: where on the x axis, and its value. */
export interface SummaryPoint {
  x: number;
  value: number;
}

/**
 * The figures a chart's text summary gives: its range on the x axis, the
 * first and last values, the lowest and the highest; undefined without
 * points.
 */
export function summarizeSeries(points: readonly SummaryPoint[]):
  | {
      from: number;
      to: number;
      first: number;
      last: number;
      min: number;
      max: number;
    }
  | undefined {
  if (points.length === 0) return undefined;
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const values = sorted.map(p => p.value);
  return {
    from: sorted[0].x,
    to: sorted[sorted.length - 1].x,
    first: values[0],
    last: values[values.length - 1],
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/**
 * A chart's figures as text for screen-reader users, who get nothing from
 * the drawing: per series its range, first, last, lowest and highest value.
 * Place it inside the chart's `figure`.
 */
export function ChartSummary(props: {
  series: ReadonlyArray<{ name?: string; points: readonly SummaryPoint[] }>;
  formatX: (x: number) => string;
  formatValue: (value: number) => string;
}) {
  const { series, formatX, formatValue } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const sentences = series.flatMap(({ name, points }) => {
    const summary = summarizeSeries(points);
    if (!summary) return [];
    const text = t('common.chartSummary', {
      from: formatX(summary.from),
      to: formatX(summary.to),
      first: formatValue(summary.first),
      last: formatValue(summary.last),
      min: formatValue(summary.min),
      max: formatValue(summary.max),
    });
    return [name ? t('common.namedChartSummary', { name, text }) : text];
  });
  if (sentences.length === 0) return null;
  return <VisuallyHidden component="p">{sentences.join(' ')}</VisuallyHidden>;
}
