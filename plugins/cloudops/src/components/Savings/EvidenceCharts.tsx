import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EvidenceChart } from '@cloudops-ai/backstage-plugin-cloudops-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cloudopsTranslationRef } from '../../translation';
import { ChartSummary, formatAxisValue } from '../shared';

/** One row per x value with a column per series (what recharts plots). */
export function chartRows(chart: EvidenceChart) {
  const rows = new Map<number, Record<string, number>>();
  chart.series.forEach((series, i) => {
    for (const point of series.points) {
      const row = rows.get(point.t) ?? { t: point.t };
      row[`s${i}`] = point.v;
      rows.set(point.t, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

function Chart(props: { chart: EvidenceChart }) {
  const { chart } = props;
  const { t } = useTranslationRef(cloudopsTranslationRef);
  const theme = useTheme();
  const colours = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.main,
    theme.palette.warning.main,
  ];
  const rows = chartRows(chart);
  const xTick = (x: number) =>
    chart.categories
      ? chart.categories[x] ?? String(x)
      : new Date(x).toLocaleDateString();
  const common = [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis
      key="x"
      dataKey="t"
      type={chart.categories ? 'category' : 'number'}
      scale={chart.categories ? 'auto' : 'time'}
      domain={['dataMin', 'dataMax']}
      tickFormatter={xTick}
    />,
    <YAxis key="y" width={56} unit={chart.unit === '%' ? '%' : undefined} />,
    <Tooltip key="tip" labelFormatter={label => xTick(Number(label))} />,
    <Legend key="legend" />,
    ...(chart.thresholds ?? []).map(threshold => (
      <ReferenceLine
        key={`th-${threshold.label}`}
        y={threshold.value}
        ifOverflow="extendDomain"
        stroke={theme.palette.error.main}
        strokeDasharray="6 3"
        label={{
          value: threshold.label,
          position: 'insideTopRight',
          fill: theme.palette.text.primary,
          fontSize: 11,
        }}
      />
    )),
  ];
  return (
    <figure
      style={{ margin: 0 }}
      aria-label={t('savings.detail.chartLabel', {
        title: chart.title,
        unit: chart.unit,
      })}
    >
      <Typography variant="subtitle2" component="figcaption">
        {`${chart.title} (${chart.unit})`}
      </Typography>
      <ResponsiveContainer width="100%" height={220}>
        {chart.kind === 'bar' ? (
          <BarChart data={rows}>
            {common}
            {chart.series.map((series, i) => (
              <Bar
                key={series.name}
                dataKey={`s${i}`}
                name={series.name}
                fill={colours[i % colours.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        ) : (
          <LineChart data={rows}>
            {common}
            {chart.series.map((series, i) => (
              <Line
                key={series.name}
                dataKey={`s${i}`}
                name={series.name}
                type="monotone"
                stroke={colours[i % colours.length]}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
      <ChartSummary
        series={chart.series.map(series => ({
          name: series.name,
          points: series.points.map(p => ({ x: p.t, value: p.v })),
        }))}
        formatX={xTick}
        formatValue={value =>
          `${formatAxisValue(value)}${chart.unit === '%' ? '' : ' '}${
            chart.unit
          }`
        }
      />
    </figure>
  );
}

/** The charts behind a savings finding, with the thresholds it was held against. */
export function EvidenceCharts(props: { charts: EvidenceChart[] }) {
  return (
    <Grid container spacing={2}>
      {props.charts.map(chart => (
        <Grid
          item
          xs={12}
          md={props.charts.length > 1 ? 6 : 12}
          key={chart.title}
        >
          <Chart chart={chart} />
        </Grid>
      ))}
    </Grid>
  );
}
