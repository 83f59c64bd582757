import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../repository';
import { CaseLabel } from './accuracy';

/** The datasets the converters in `bench/rca/` write, and which converter writes each. */
export const RCA_DATASETS: Record<string, string> = {
  sockshop: 'convert-sockshop.mjs',
  'nezha-ob': 'convert-nezha.mjs',
  'nezha-tt': 'convert-nezha.mjs',
};

/**
 * Where converted cases go: `casesRoot` for whole datasets, and
 * `<casesRoot>/first-N` for a conversion of only their first N cases, so a
 * limited conversion never stands in for the whole one.
 */
export function convertedRoot(casesRoot: string, limit?: number): string {
  return limit === undefined
    ? casesRoot
    : path.join(casesRoot, `first-${limit}`);
}

/**
 * Runs a dataset's converter (Node, outside this process) into
 * {@link convertedRoot}. `limit` converts only the first cases of each
 * dataset (for smoke tests).
 */
export function convertDataset(options: {
  repoRoot: string;
  dataset: string;
  casesRoot: string;
  limit?: number;
}): void {
  const script = path.join(
    options.repoRoot,
    'bench/rca',
    RCA_DATASETS[options.dataset],
  );
  const args = [
    script,
    '--out',
    convertedRoot(options.casesRoot, options.limit),
  ];
  if (options.limit !== undefined) args.push('--limit', String(options.limit));
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, CLOUDOPS_SHARED_DIR: sharedDir(options.repoRoot) },
  });
  if (result.status !== 0) {
    throw new Error(
      `Converting ${options.dataset} failed: ${result.stderr || result.error}`,
    );
  }
}

/** The labels a converter wrote beside a dataset's cases. */
export function readLabels(datasetDir: string): CaseLabel[] {
  const file = path.join(datasetDir, 'labels.jsonl');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, i) => {
      const label = JSON.parse(line) as CaseLabel;
      if (!label.id || !label.rootCause) {
        throw new Error(`${file}:${i + 1}: a label needs id and rootCause`);
      }
      return label;
    });
}
