import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AnomalyWindow, CostMatrix } from './scoring';

/** One data file of the corpus with its labelled windows. */
export interface NabFile {
  /** Path under `data/`, such as `realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv`. */
  name: string;
  /** The folder under `data/`, such as `realAWSCloudwatch`. */
  category: string;
  timestamps: number[];
  values: number[];
  windows: AnomalyWindow[];
}

/** The corpus: files, windows and the scoring profiles. */
export interface NabCorpus {
  files: NabFile[];
  profiles: Record<string, CostMatrix>;
}

/** NAB's timestamps are UTC without a zone: `2014-04-10 07:15:00[.000000]`. */
export function parseNabTimestamp(text: string): number {
  const match =
    /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text.trim()) ??
    undefined;
  const millis = match ? Date.parse(`${match[1]}T${match[2]}Z`) : NaN;
  if (!Number.isFinite(millis)) {
    throw new Error(`not a timestamp: "${text}"`);
  }
  return millis;
}

/** Parses a `timestamp,value` file; errors name the file and line. */
export function parseNabCsv(
  text: string,
  where: string,
): { timestamps: number[]; values: number[] } {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== 'timestamp,value') {
    throw new Error(
      `${where}:1: expected the header "timestamp,value" (got "${lines[0]}")`,
    );
  }
  const timestamps: number[] = [];
  const values: number[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.split(',');
    const value = Number(fields[1]);
    if (fields.length !== 2 || fields[1].trim() === '') {
      throw new Error(
        `${where}:${i + 2}: expected "timestamp,value" (got "${line}")`,
      );
    }
    try {
      timestamps.push(parseNabTimestamp(fields[0]));
    } catch (error) {
      throw new Error(`${where}:${i + 2}: ${(error as Error).message}`);
    }
    values.push(value);
  });
  return { timestamps, values };
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
}

function parseWindows(
  labels: unknown,
  path: string,
): Map<string, AnomalyWindow[]> {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) {
    throw new Error(`${path}: expected an object of file → windows`);
  }
  const windows = new Map<string, AnomalyWindow[]>();
  for (const [name, list] of Object.entries(labels)) {
    if (!Array.isArray(list)) {
      throw new Error(`${path}: "${name}" should list [start, end] windows`);
    }
    windows.set(
      name,
      list.map((pair, i) => {
        if (
          !Array.isArray(pair) ||
          pair.length !== 2 ||
          pair.some(t => typeof t !== 'string')
        ) {
          throw new Error(
            `${path}: "${name}"[${i}] should be ["start", "end"] timestamps`,
          );
        }
        try {
          return {
            start: parseNabTimestamp(pair[0]),
            end: parseNabTimestamp(pair[1]),
          };
        } catch (error) {
          throw new Error(
            `${path}: "${name}"[${i}]: ${(error as Error).message}`,
          );
        }
      }),
    );
  }
  return windows;
}

function parseProfiles(
  profiles: unknown,
  path: string,
): Record<string, CostMatrix> {
  const result: Record<string, CostMatrix> = {};
  for (const [name, profile] of Object.entries(profiles ?? {})) {
    const matrix = (profile as { CostMatrix?: Record<string, unknown> })
      ?.CostMatrix;
    const weights = ['tpWeight', 'fnWeight', 'fpWeight'] as const;
    if (!matrix || weights.some(w => typeof matrix[w] !== 'number')) {
      throw new Error(
        `${path}: profile "${name}" needs CostMatrix.tpWeight, fnWeight and fpWeight numbers`,
      );
    }
    result[name] = {
      tpWeight: matrix.tpWeight as number,
      fnWeight: matrix.fnWeight as number,
      fpWeight: matrix.fpWeight as number,
    };
  }
  if (Object.keys(result).length === 0) {
    throw new Error(`${path}: no profiles`);
  }
  return result;
}

/**
 * Reads a NAB checkout (or a copy of its `data/`, `labels/` and `config/`):
 * the files named in the labels file, in the labels file's order.
 *
 * @param labelsFile - relative to `dir`; `labels/combined_windows.json` by default
 */
export async function loadNabCorpus(
  dir: string,
  labelsFile = 'labels/combined_windows.json',
): Promise<NabCorpus> {
  const labelsPath = join(dir, labelsFile);
  const profilesPath = join(dir, 'config/profiles.json');
  const windows = parseWindows(await readJson(labelsPath), labelsPath);
  const profiles = parseProfiles(await readJson(profilesPath), profilesPath);
  const files = await Promise.all(
    [...windows].map(async ([name, fileWindows]) => {
      const path = join(dir, 'data', name);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        throw new Error(
          `${labelsPath} names "${name}" but ${path} cannot be read: ${
            (error as Error).message
          }`,
        );
      }
      return {
        name,
        category: name.split('/')[0],
        ...parseNabCsv(text, path),
        windows: fileWindows,
      };
    }),
  );
  return { files, profiles };
}
