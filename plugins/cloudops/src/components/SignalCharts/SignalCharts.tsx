import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Incident,
  SignalBand,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cloudopsApiRef } from '../../api';
import { cloudopsTranslationRef } from '../../translation';
import {
  ChartSummary,
  LoadError,
  WrappingListItemText,
  formatAxisValue,
  formatTime,
  SectionCard,
  Heading,
  useDomainLabels,
} from '../shared';
import { SignalSeries, normalBand, seriesOf } from './seriesOf';

/** How much of each series to chart before and after the incident's signals. */
const CONTEXT_MINUTES = 30;

const timeTick = (t: number) => new Date(t).toLocaleTimeString();

function SeriesChart(props: {
  series: SignalSeries;
  detectedAt: number;
  band?: SignalBand;
}) {
  const { series, detectedAt, band } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const theme = useTheme();
  const times = series.points.map(p => p.t);
  const normal = normalBand(series, band);
  const domain = [
    Math.min(detectedAt, ...times),
    Math.max(detectedAt, ...times),
  ];
  return (
    <figure
      style={{ margin: 0 }}
      aria-label={t('incident.signals.chartLabel', { name: series.name })}
    >
      <Typography variant="subtitle2" component="figcaption">
        {series.name}
        {series.detail && (
          <Typography variant="caption" component="span">
            {` ${series.detail}`}
          </Typography>
        )}
      </Typography>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart
          data={series.points}
          margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            tickFormatter={timeTick}
          />
          <YAxis
            width={56}
            domain={['auto', 'auto']}
            tickFormatter={formatAxisValue}
          />
          {normal && (
            <ReferenceArea
              y1={normal.lower}
              y2={normal.upper}
              ifOverflow="extendDomain"
              fill={theme.palette.success.main}
              fillOpacity={0.12}
              stroke="none"
              label={{
                value: t('incident.signals.band'),
                position: 'insideBottomLeft',
                fill: theme.palette.text.secondary,
                fontSize: 11,
              }}
            />
          )}
          {band?.threshold && (
            <ReferenceLine
              y={band.threshold.value}
              ifOverflow="extendDomain"
              stroke={theme.palette.warning.main}
              strokeDasharray="6 3"
              label={{
                value: `${band.threshold.op} ${band.threshold.value}`,
                position: 'insideTopRight',
                fill: theme.palette.text.primary,
                fontSize: 11,
              }}
            />
          )}
          <Tooltip
            labelFormatter={label =>
              formatTime(new Date(Number(label)).toISOString())
            }
          />
          <Line
            type="monotone"
            dataKey="value"
            stroke={theme.palette.primary.main}
            dot={series.points.length < 60}
            isAnimationActive={false}
          />
          <ReferenceLine
            x={detectedAt}
            stroke={theme.palette.error.main}
            strokeDasharray="4 2"
            label={{
              value: t('incident.signals.detected'),
              position: 'top',
              fill: theme.palette.text.primary,
            }}
          />
        </LineChart>
      </ResponsiveContainer>
      <ChartSummary
        series={[
          { points: series.points.map(p => ({ x: p.t, value: p.value })) },
        ]}
        formatX={x => formatTime(new Date(x).toISOString())}
        formatValue={formatAxisValue}
      />
    </figure>
  );
}

/**
 * The signals that formed an incident: each series with values as a time
 * series chart with the detection moment marked, the band of normal values
 * the root-cause analysis measures moves against, and the rule's level;
 * alert notifications and events without values as a list.
 */
export function SignalCharts(props: { incident: Incident; version?: number }) {
  const { incident, version } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const labels = useDomainLabels();
  const api = useApi(cloudopsApiRef);
  const { value, error, retry } = useAsyncRetry(
    () =>
      api.getIncidentSignals(incident.id, {
        contextMinutes: CONTEXT_MINUTES,
        bands: true,
      }),
    [api, incident.id, version],
  );
  const series = useMemo(() => seriesOf(value?.items ?? []), [value]);
  const bands = useMemo(
    () => new Map(value?.bands?.series.map(b => [b.fingerprint, b])),
    [value],
  );
  const detectedAt = Date.parse(incident.createdAt);

  let body;
  if (error) {
    body = (
      <LoadError
        error={error}
        what={t('incident.signals.what')}
        onRetry={retry}
      />
    );
  } else if (!value) {
    body = <Progress />;
  } else if (series.length === 0) {
    body = <Typography>{t('incident.signals.empty')}</Typography>;
  } else {
    const charted = series.filter(s => s.points.length > 0);
    // An alert by its status, an event by its message, else by its kind.
    const marks = series.flatMap(s =>
      s.marks.map(mark => ({
        t: mark.t,
        series: s,
        label: mark.status
          ? labels.signalStatus(mark.status)
          : mark.message ?? labels.signalKind(s.kind),
      })),
    );
    body = (
      <Grid container spacing={2}>
        {charted.map(s => (
          <Grid
            item
            xs={12}
            lg={charted.length > 1 ? 6 : 12}
            key={s.fingerprint}
          >
            <SeriesChart
              series={s}
              detectedAt={detectedAt}
              band={bands.get(s.fingerprint)}
            />
          </Grid>
        ))}
        {marks.length > 0 && (
          <Grid item xs={12}>
            <Heading variant="subtitle2">
              {t('incident.signals.alerts')}
            </Heading>
            <List dense>
              {marks.map(mark => (
                <ListItem
                  key={`${mark.series.fingerprint}-${mark.t}-${mark.label}`}
                >
                  <WrappingListItemText
                    primary={`${mark.series.name}: ${mark.label}`}
                    secondary={`${formatTime(new Date(mark.t).toISOString())}${
                      mark.series.detail ? ` · ${mark.series.detail}` : ''
                    }`}
                  />
                </ListItem>
              ))}
            </List>
          </Grid>
        )}
      </Grid>
    );
  }
  return <SectionCard title={t('incident.signals.title')}>{body}</SectionCard>;
}
