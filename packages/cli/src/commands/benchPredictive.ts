import {
  PredictiveCheckReport,
  runPredictiveCheck,
} from '@cloudops-ai/backstage-plugin-cloudops-backend/anomaly';
import { Command } from 'commander';
import { integer, positiveInteger } from '../numberOptions';

/** The predictive check's report, one line each. */
export function formatPredictiveReport(
  report: PredictiveCheckReport,
): string[] {
  const percent = (rate: number) => `${(100 * rate).toFixed(1)}%`;
  return [
    `Predictive check: ${report.points} points in ${report.seconds.toFixed(
      1,
    )} s`,
    `trending:   ${report.trending.forecastInTime} of ${
      report.trending.series
    } breaches forecast at least half the horizon ahead (${percent(
      report.trending.rate,
    )}); median first warning ${report.trending.medianLead.toFixed(
      2,
    )} horizons ahead`,
    `stationary: ${report.stationary.falseForecasts} of ${
      report.stationary.series
    } series with a false forecast (${percent(report.stationary.rate)})`,
  ];
}

/** Adds `cloudops bench predictive`. */
export function registerBenchPredictiveCommand(bench: Command): void {
  bench
    .command('predictive')
    .description(
      'Check the forecaster on synthetic series: breaches forecast in time, false forecasts on stationary series',
    )
    .option(
      '--series <n>',
      'trending and as many stationary series',
      positiveInteger,
      100,
    )
    .option('--seed <n>', 'seed of the synthetic series', integer, 42)
    .option('--json', 'end with one JSON line of the figures')
    .action(async (opts: { series: number; seed: number; json?: boolean }) => {
      const report = await runPredictiveCheck({
        series: opts.series,
        seed: opts.seed,
      });
      formatPredictiveReport(report).forEach(line =>
        process.stdout.write(`${line}\n`),
      );
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({
            breach_forecast_rate: report.trending.rate,
            false_forecast_rate: report.stationary.rate,
            median_lead_horizons: report.trending.medianLead,
            seconds: report.seconds,
            points: report.points,
          })}\n`,
        );
      }
    });
}
