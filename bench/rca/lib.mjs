/*
 * Helpers shared by the RCA dataset converters: CSV reading, the shared-data
 * folder, and writing case files plus their labels.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/** `<repo>/../shared`, or `CLOUDOPS_SHARED_DIR`. */
export function sharedDir() {
  return process.env.CLOUDOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
}

/** Reads a numeric CSV (no quoted fields): the header and one array per column. */
export function readCsv(file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0].split(',');
  const columns = header.map(() => []);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    header.forEach((_, i) => {
      const cell = cells[i];
      const value = cell === undefined || cell === '' ? NaN : Number(cell);
      columns[i].push(Number.isFinite(value) ? value : cell ?? null);
    });
  }
  return { header, columns };
}

/** A number, or null for anything that is not one (the case format's missing value). */
export function numberOrNull(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** `--name value` pairs from the command line. */
export function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

/**
 * Writes the cases of one dataset to `<out>/<dataset>/<id>.json` and their
 * labels (never part of a case) to `<out>/<dataset>/labels.jsonl`.
 */
export function writeDataset(out, dataset, cases) {
  const dir = path.join(out, dataset);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const labels = [];
  for (const { rcaCase, label } of cases) {
    fs.writeFileSync(
      path.join(dir, `${rcaCase.id}.json`),
      JSON.stringify(rcaCase),
    );
    labels.push(JSON.stringify({ id: rcaCase.id, ...label }));
  }
  fs.writeFileSync(path.join(dir, 'labels.jsonl'), `${labels.join('\n')}\n`);
  return dir;
}
