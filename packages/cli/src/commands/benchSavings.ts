import {
  runSavingsBench,
  SavingsBenchReport,
} from '@cloudops-ai/backstage-plugin-cloudops-backend/savings';
import { Command } from 'commander';
import { integer, positiveNumber } from '../numberOptions';

/** The savings accuracy report, one line per kind of opportunity. */
export function formatSavingsReport(report: SavingsBenchReport): string[] {
  const pad = (text: string, width: number) => text.padEnd(width);
  return [
    `Savings accuracy check: ${report.resources} resources, ${
      report.opportunities
    } opportunities, ${report.monthlySavings.toFixed(0)} USD a month`,
    `${pad('kind', 26)}${pad('TP', 6)}${pad('FP', 6)}${pad('FN', 6)}${pad(
      'precision',
      11,
    )}recall`,
    ...report.accuracy.map(
      a =>
        `${pad(a.kind, 26)}${pad(String(a.truePositives), 6)}${pad(
          String(a.falsePositives),
          6,
        )}${pad(String(a.falseNegatives), 6)}${pad(
          a.precision.toFixed(3),
          11,
        )}${a.recall.toFixed(3)}`,
    ),
    `bursty EC2 instances flagged idle: ${report.burstyFlaggedIdle}`,
    `full scan: detection ${report.detectSeconds.toFixed(
      2,
    )} s, pipeline ${report.pipelineSeconds.toFixed(
      2,
    )} s (first scan), ${report.rescanSeconds.toFixed(2)} s (rescan)`,
  ];
}

/** Adds `cloudops bench savings`. */
export function registerBenchSavingsCommand(bench: Command): void {
  bench
    .command('savings')
    .description(
      'Check the waste detectors and the savings pipeline on a synthetic fleet with known ground truth: precision and recall per kind, scan time',
    )
    .option('--seed <n>', 'seed of the synthetic fleet', integer, 42)
    .option(
      '--scale <x>',
      'fleet size relative to the default 2,150 resources',
      positiveNumber,
      1,
    )
    .option('--json', 'end with one JSON line of the figures')
    .action(async (opts: { seed: number; scale: number; json?: boolean }) => {
      const report = await runSavingsBench({
        seed: opts.seed,
        scale: opts.scale,
      });
      formatSavingsReport(report).forEach(line =>
        process.stdout.write(`${line}\n`),
      );
      if (opts.json) {
        const figures: Record<string, number> = {
          resources: report.resources,
          opportunities: report.opportunities,
          bursty_flagged_idle: report.burstyFlaggedIdle,
          detect_seconds: report.detectSeconds,
          pipeline_seconds: report.pipelineSeconds,
          rescan_seconds: report.rescanSeconds,
          scan_seconds: report.detectSeconds + report.pipelineSeconds,
        };
        for (const a of report.accuracy) {
          const key = a.kind.replace(/-/g, '_');
          figures[`${key}_precision`] = a.precision;
          figures[`${key}_recall`] = a.recall;
        }
        process.stdout.write(`${JSON.stringify(figures)}\n`);
      }
    });
}
