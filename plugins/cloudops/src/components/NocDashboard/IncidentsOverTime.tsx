import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { IncidentStats } from '@cloudops-ai/backstage-plugin-cloudops-common';
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
import { formatDuration } from '../shared';

/** Incidents opened per bucket over the window, as bars (empty buckets included). */
export function IncidentsOverTime(props: {
  stats: IncidentStats;
  bucketSeconds: number;
}) {
  const { stats, bucketSeconds } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
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
  const tick = (start: number) =>
    bucketSeconds >= 86400
      ? new Date(start).toLocaleDateString()
      : new Date(start).toLocaleTimeString([], {
          hour: '2-digit',
          minute: '2-digit',
        });
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
          <XAxis dataKey="start" tickFormatter={tick} minTickGap={24} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip
            labelFormatter={label => new Date(Number(label)).toLocaleString()}
          />
          <Bar
            dataKey="count"
            name={t('incidents.title')}
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
