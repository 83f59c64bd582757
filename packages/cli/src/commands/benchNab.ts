import {
  NabReport,
  runNab,
} from '@cloudops-ai/backstage-plugin-cloudops-backend/anomaly';
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../repository';
import { Output } from './rules';

const PROFILES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

function formatScore(score: number | undefined): string {
  return score === undefined ? 'n/a' : score.toFixed(2);
}

/** The human-readable report, one line each. */
export function formatNabReport(report: NabReport): string[] {
  const lines = [
    `NAB: ${report.files} files, ${
      report.points
    } points in ${report.seconds.toFixed(
      1,
    )} s (detector ${report.detectSeconds.toFixed(1)} s, ${Math.round(
      report.pointsPerSecond,
    )} points/s)`,
    '',
    `${'profile'.padEnd(20)}${'score'.padStart(8)}${'threshold'.padStart(
      11,
    )}${'TP'.padStart(6)}${'FP'.padStart(6)}${'FN'.padStart(6)}`,
  ];
  for (const name of PROFILES.filter(p => report.profiles[p])) {
    const p = report.profiles[name];
    lines.push(
      `${name.padEnd(20)}${formatScore(p.score).padStart(8)}${p.threshold
        .toFixed(4)
        .padStart(11)}${String(p.truePositives).padStart(6)}${String(
        p.falsePositives,
      ).padStart(6)}${String(p.falseNegatives).padStart(6)}`,
    );
  }
  const categories = Object.keys(
    report.profiles[PROFILES[0]]?.byCategory ?? {},
  );
  const aws = 'realAWSCloudwatch';
  lines.push(
    '',
    categories.includes(aws)
      ? `${aws}: ${PROFILES.map(
          p =>
            `${p} ${formatScore(report.profiles[p]?.byCategory[aws]?.score)}`,
        ).join(', ')}`
      : `${aws}: not in this corpus`,
  );
  lines.push(
    '',
    `${'category'.padEnd(24)}${'windows'.padStart(8)}${PROFILES.map(p =>
      p.replace('reward_', '').padStart(14),
    ).join('')}`,
  );
  for (const category of categories) {
    const first = report.profiles[PROFILES[0]].byCategory[category];
    lines.push(
      `${category.padEnd(24)}${String(first.windows).padStart(8)}${PROFILES.map(
        p => {
          const c = report.profiles[p]?.byCategory[category];
          return (
            c?.score === undefined
              ? `${c?.falsePositives ?? 0} FP`
              : formatScore(c.score)
          ).padStart(14);
        },
      ).join('')}`,
    );
  }
  return lines;
}

/** The `--json` line. */
export function nabJson(report: NabReport): string {
  return JSON.stringify({
    standard: report.profiles.standard?.score,
    reward_low_fp: report.profiles.reward_low_FP_rate?.score,
    reward_low_fn: report.profiles.reward_low_FN_rate?.score,
    seconds: report.seconds,
    points: report.points,
  });
}

/**
 * `cloudops bench nab`: the built-in detector over NAB as a stream.
 *
 * @returns the exit code
 */
export async function benchNab(
  options: { data?: string; labels?: string; json?: boolean; results?: string },
  output: Output,
): Promise<number> {
  const dataDir = options.data ?? join(sharedDir(), 'datasets', 'nab');
  if (!existsSync(join(dataDir, 'data'))) {
    output.err(
      `cloudops bench nab: no NAB data at ${dataDir} (expected ${join(
        dataDir,
        'data',
      )}); give --data DIR or set CLOUDOPS_SHARED_DIR`,
    );
    return 1;
  }
  const report = await runNab({
    dataDir,
    labelsFile: options.labels,
    resultsDir: options.results,
  });
  formatNabReport(report).forEach(line => output.out(line));
  if (options.results) {
    output.out(`NAB result files written under ${options.results}`);
  }
  if (options.json) {
    output.out(nabJson(report));
  }
  return 0;
}

/** Adds `cloudops bench nab`. */
export function registerBenchNabCommand(bench: Command): void {
  bench
    .command('nab')
    .description(
      'Score the anomaly detector on the Numenta Anomaly Benchmark, streaming each series (no look-ahead)',
    )
    .option(
      '--data <dir>',
      'NAB checkout (data/, labels/, config/); default <repo>/../shared/datasets/nab',
    )
    .option(
      '--labels <file>',
      'label windows, relative to --data (a subset for a smoke run)',
      'labels/combined_windows.json',
    )
    .option(
      '--json',
      'end with one JSON line of the three scores, seconds and points',
    )
    .option(
      '--results <dir>',
      'also write NAB result files (timestamp,value,anomaly_score,label) under this folder',
    )
    .action(async opts => {
      const code = await benchNab(opts, {
        out: line => process.stdout.write(`${line}\n`),
        err: line => process.stderr.write(`${line}\n`),
      });
      if (code !== 0) {
        process.exitCode = code;
      }
    });
}
