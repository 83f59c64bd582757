import fs from 'node:fs';
import path from 'node:path';

/** The repository checkout (the folder with `backstage.json`) at or above `from`. */
export function findRepoRoot(from: string = process.cwd()): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'backstage.json'))) {
      return dir;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The shared data folder (public datasets): `CLOUDOPS_SHARED_DIR`, or
 * `<repo>/../shared`.
 */
export function sharedDir(
  repoRoot: string = findRepoRoot() ?? process.cwd(),
): string {
  return process.env.CLOUDOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
}
