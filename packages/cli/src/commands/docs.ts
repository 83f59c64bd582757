import { Command } from 'commander';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generatedDocs } from '../docs/references';
import { ReportedFailure } from '../failures';
import { findRepoRoot } from '../repository';
import { Output } from './rules';

/**
 * Writes the generated references under `docsDir`, or with `check` only
 * compares: each stale or missing file is named on `err`.
 *
 * @returns the exit code: 1 when `check` found a stale file, 0 otherwise
 */
export async function generateDocs(
  docsDir: string,
  options: { check: boolean },
  output: Output,
): Promise<number> {
  let stale = false;
  for (const [name, text] of Object.entries(await generatedDocs())) {
    const file = path.join(docsDir, name);
    const current = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (current === text) continue;
    if (options.check) {
      stale = true;
      output.err(
        `${file} is ${
          current === undefined ? 'missing' : 'stale'
        }: run yarn cloudops docs generate`,
      );
    } else {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text);
      output.out(`wrote ${file}`);
    }
  }
  return stale ? 1 : 0;
}

/** Adds `cloudops docs generate`, the generated references, to the program. */
export function registerDocsCommand(program: Command): void {
  program
    .command('docs')
    .description('Work with the documentation in docs/')
    .command('generate')
    .description(
      "Generate the configuration reference (from the packages' config.d.ts) and the rules reference (from the rule schema)",
    )
    .option('--check', 'only check that the committed files are current', false)
    .action(async (opts: { check: boolean }) => {
      const root = findRepoRoot() ?? process.cwd();
      const code = await generateDocs(path.join(root, 'docs'), opts, {
        out: line => process.stdout.write(`${line}\n`),
        err: line => process.stderr.write(`${line}\n`),
      });
      if (code !== 0) {
        throw new ReportedFailure(code, 'cloudops.docs.stale', 'Stale docs');
      }
    });
}
