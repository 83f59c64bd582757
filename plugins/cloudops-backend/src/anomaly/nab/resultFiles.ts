import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { NabFile } from './corpus';
import { ScoredFile } from './scoring';

/** The name our results go under, as NAB names detectors. */
export const NAB_DETECTOR_NAME = 'cloudops';

function nabTimestamp(millis: number): string {
  return new Date(millis).toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * Writes one CSV per data file in NAB's results layout,
 * `<dir>/cloudops/<category>/cloudops_<file>.csv`, with the columns
 * `timestamp,value,anomaly_score,label` (label 1 inside a window), so any
 * NAB scorer can check the score.
 */
export async function writeNabResults(
  dir: string,
  files: NabFile[],
  scored: ScoredFile[],
): Promise<void> {
  for (const [i, file] of files.entries()) {
    const path = join(
      dir,
      NAB_DETECTOR_NAME,
      dirname(file.name),
      `${NAB_DETECTOR_NAME}_${basename(file.name)}`,
    );
    const { roles, scores } = scored[i];
    const lines = ['timestamp,value,anomaly_score,label'];
    for (let p = 0; p < file.values.length; p++) {
      lines.push(
        `${nabTimestamp(file.timestamps[p])},${file.values[p]},${scores[p]},${
          roles.window[p] >= 0 ? 1 : 0
        }`,
      );
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${lines.join('\n')}\n`);
  }
}
