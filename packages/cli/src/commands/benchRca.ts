import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeCase } from '@cloudops-ai/backstage-plugin-cloudops-backend/rca';
import { RcaCase } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Command } from 'commander';
import {
  accuracyBreakdown,
  accuracyOf,
  CaseOutcome,
  formatAccuracy,
  pessimisticRank,
  TIES_NOTE,
} from '../rcaBench/accuracy';
import {
  convertDataset,
  convertedRoot,
  RCA_DATASETS,
  readLabels,
} from '../rcaBench/datasets';
import { positiveInteger } from '../numberOptions';
import { findRepoRoot, sharedDir } from '../repository';
import { syntheticCase } from '../rcaBench/syntheticCase';
import { readCaseFile } from './rca';
import { Output } from './rules';

export interface BenchRcaOptions {
  repoRoot: string;
  /** Where the converted cases are (one folder per dataset; see {@link convertedRoot}). */
  casesRoot: string;
  datasets: string[];
  /** Convert even when converted cases exist. */
  convert: boolean;
  /** Convert (and score) only the first N cases of each dataset, apart from the whole ones. */
  limit?: number;
  /** Timed repetitions; the median is reported. */
  repeat: number;
  /** Also time the 500-service, 10,000-series synthetic case. */
  scale: boolean;
}

/** One dataset's figures. */
export interface DatasetFigures {
  dataset: string;
  outcomes: CaseOutcome[];
  casesPerSecond: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time (ms) of `repeat` runs of `work`. */
function timeIt(repeat: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function scoreDataset(
  options: BenchRcaOptions,
  dataset: string,
): Promise<DatasetFigures> {
  const dir = path.join(
    convertedRoot(options.casesRoot, options.limit),
    dataset,
  );
  if (options.convert || !fs.existsSync(path.join(dir, 'labels.jsonl'))) {
    convertDataset({ ...options, dataset });
  }
  const labels = readLabels(dir);
  const cases: RcaCase[] = [];
  for (const label of labels) {
    cases.push(await readCaseFile(path.join(dir, `${label.id}.json`)));
  }
  let rankings = cases.map(c => analyzeCase(c));
  const ms = timeIt(options.repeat, () => {
    rankings = cases.map(c => analyzeCase(c));
  });
  const outcomes = labels.map((label, i) => ({
    label,
    rank: pessimisticRank(rankings[i].ranking, label.rootCause),
  }));
  return {
    dataset,
    outcomes,
    casesPerSecond: ms > 0 ? (cases.length * 1000) / ms : Infinity,
  };
}

/** Times the engine on one synthetic 500-service, 10,000-series incident. */
function scaleFigures(repeat: number) {
  const { rcaCase, root } = syntheticCase({
    services: 500,
    seriesPerService: 20,
    points: 120,
    seed: 7,
  });
  let ranking = analyzeCase(rcaCase).ranking;
  const ms = timeIt(repeat, () => {
    ranking = analyzeCase(rcaCase).ranking;
  });
  return {
    ms,
    series: rcaCase.series.length,
    edges: rcaCase.graph!.length,
    rootRank: pessimisticRank(ranking, root),
  };
}

/**
 * The RCA benchmark: converts the public datasets to case files when needed,
 * runs the engine on every case and prints AC@1, AC@3 and Avg@5 per dataset
 * and fault type (a root cause tied in score with others counts at the last
 * of their places), cases per second, and optionally the scale figure.
 */
export async function benchRca(
  options: BenchRcaOptions,
  output: Output,
): Promise<DatasetFigures[]> {
  const figures: DatasetFigures[] = [];
  output.out(TIES_NOTE);
  output.out('');
  for (const dataset of options.datasets) {
    const result = await scoreDataset(options, dataset);
    figures.push(result);
    formatAccuracy(dataset, accuracyBreakdown(result.outcomes)).forEach(
      output.out,
    );
    output.out(
      `${result.outcomes.length} cases, ${result.casesPerSecond.toFixed(
        0,
      )} cases/s (median of ${options.repeat} runs)`,
    );
    output.out('');
  }
  const nezha = figures
    .filter(f => f.dataset.startsWith('nezha-'))
    .flatMap(f => f.outcomes);
  if (figures.filter(f => f.dataset.startsWith('nezha-')).length > 1) {
    formatAccuracy('nezha (OB + TT)', [
      accuracyOf('all', nezha),
      accuracyOf(
        'metric-visible faults',
        nezha.filter(o => o.label.visible),
      ),
      accuracyOf(
        'code-level faults',
        nezha.filter(o => !o.label.visible),
      ),
    ]).forEach(output.out);
    output.out('');
  }
  if (options.scale) {
    const scale = scaleFigures(Math.max(options.repeat, 5));
    output.out(
      `scale: 500 services, ${scale.series} series, ${
        scale.edges
      } edges: ${scale.ms.toFixed(0)} ms per RCA (median of ${Math.max(
        options.repeat,
        5,
      )} runs, ${(1000 / scale.ms).toFixed(
        1,
      )}× faster than the 1 s budget), root cause ranked ${scale.rootRank}`,
    );
  }
  return figures;
}

/** Adds `cloudops bench rca` to the bench group. */
export function registerBenchRcaCommand(bench: Command): void {
  bench
    .command('rca')
    .description(
      'RCA accuracy (AC@1, AC@3, Avg@5) on the Sock Shop and Nezha datasets, per dataset and fault type, and cases per second',
    )
    .option(
      '--datasets <names>',
      `comma-separated, of ${Object.keys(RCA_DATASETS).join(', ')}`,
      Object.keys(RCA_DATASETS).join(','),
    )
    .option('--cases <dir>', 'converted cases (default bench/rca/cases)')
    .option('--convert', 'convert the datasets again even if converted')
    .option(
      '--limit <n>',
      'only the first N cases of each dataset (converted apart, into <cases>/first-N/)',
      positiveInteger,
    )
    .option(
      '--repeat <n>',
      'timed runs; the median is reported',
      positiveInteger,
      3,
    )
    .option('--scale', 'also time a 500-service, 10,000-series incident')
    .action(
      async (
        options: {
          datasets: string;
          cases?: string;
          convert?: boolean;
          limit?: number;
          repeat: number;
          scale?: boolean;
        },
        command: Command,
      ) => {
        const repoRoot = findRepoRoot(process.cwd());
        if (!repoRoot) {
          command.error(
            'error: run this inside the repository (it needs bench/rca/)',
          );
          return;
        }
        const datasets = options.datasets.split(',').filter(Boolean);
        const unknown = datasets.filter(d => !(d in RCA_DATASETS));
        if (unknown.length) {
          command.error(`error: unknown dataset(s) ${unknown.join(', ')}`);
        }
        const casesRoot = path.resolve(
          options.cases ?? path.join(repoRoot, 'bench/rca/cases'),
        );
        const converted = convertedRoot(casesRoot, options.limit);
        const needsData =
          options.convert ||
          datasets.some(
            d => !fs.existsSync(path.join(converted, d, 'labels.jsonl')),
          );
        if (
          needsData &&
          !fs.existsSync(path.join(sharedDir(repoRoot), 'datasets'))
        ) {
          command.error(
            `error: no datasets at ${sharedDir(
              repoRoot,
            )}/datasets (set CLOUDOPS_SHARED_DIR) and no converted cases in ${converted}`,
          );
        }
        await benchRca(
          {
            repoRoot,
            casesRoot,
            datasets,
            convert: Boolean(options.convert),
            limit: options.limit,
            repeat: options.repeat,
            scale: Boolean(options.scale),
          },
          {
            out: line => process.stdout.write(`${line}\n`),
            err: line => process.stderr.write(`${line}\n`),
          },
        );
      },
    );
}
