import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { IncidentStats } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cloudopsTranslationRef } from '../../translation';
import { ChartSummary, useFormatDuration } from '../shared';
import { bucketLabels } from './bucketLabels';

/**
 * Incidents opened per bucket over the window, as bars (empty buckets
 * included). Day buckets are UTC days and say so.
 */
export function IncidentsOverTime(props: {
  stats: IncidentStats;
  bucketSeconds: number;
}) {
  const { stats, bucketSeconds } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const formatDuration = useFormatDuration();
  const theme = useTheme();
  const counts = new Map(
    stats.series.map(point => [Date.parse(point.start), point.count]),
  );
  const step = bucketSeconds * 1000;
  const first = Math.floor(Date.parse(stats.from) / step) * step;
  const last = Date.parse(stats.to);
  const data = [];
  for (let start = first; start <= last; start += step) {
    data.push({ start, count: counts.get(start) ?? 0 });
  }
  const labels = bucketLabels(bucketSeconds, last - Date.parse(stats.from));
  const full = (start: number) =>
    labels.utc
      ? t('noc.overTime.utcDay', { date: labels.full(start) })
      : labels.full(start);
  return (
    <figure
      style={{ margin: 0 }}
      aria-label={t('noc.overTime.chartLabel', {
        bucket: formatDuration(bucketSeconds),
      })}
    >
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="start" tickFormatter={labels.tick} minTickGap={24} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip labelFormatter={label => full(Number(label))} />
          <Bar
            dataKey="count"
            name={t('incidents.title')}
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
      {labels.utc && (
        <Typography variant="caption" component="figcaption">
          {t('noc.overTime.utcNote')}
        </Typography>
      )}
      <ChartSummary
        series={[{ points: data.map(d => ({ x: d.start, value: d.count })) }]}
        formatX={full}
        formatValue={String}
      />
    </figure>
  );
}
