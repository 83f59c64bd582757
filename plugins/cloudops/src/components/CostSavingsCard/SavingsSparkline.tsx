import { useTheme } from '@material-ui/core/styles';
import { Area, AreaChart, ResponsiveContainer, Tooltip } from 'recharts';
import { ChartSummary, formatMoney } from '../shared';

/** Realized savings per period as a small area chart without axes. */
export function SavingsSparkline(props: {
  series: Array<{ periodStart: string; amount: number }>;
  currency: string;
  label: string;
}) {
  const { series, currency, label } = props;
  const theme = useTheme();
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <ResponsiveContainer width="100%" height={56}>
        <AreaChart
          data={series}
          margin={{ top: 4, right: 0, bottom: 0, left: 0 }}
        >
          <Tooltip
            labelFormatter={(_, payload) =>
              payload?.[0]?.payload?.periodStart?.slice(0, 10) ?? ''
            }
            formatter={value => formatMoney(Number(value), currency)}
          />
          <Area
            type="monotone"
            dataKey="amount"
            stroke={theme.palette.success.main}
            fill={theme.palette.success.light}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
      <ChartSummary
        series={[
          {
            points: series.map(point => ({
              x: Date.parse(point.periodStart),
              value: point.amount,
            })),
          },
        ]}
        formatX={x => new Date(x).toISOString().slice(0, 10)}
        formatValue={value => formatMoney(value, currency)}
      />
    </figure>
  );
}
