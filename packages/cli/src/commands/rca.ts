import fs from 'node:fs/promises';
import path from 'node:path';
import {
  analyzeCase,
  parseRcaCase,
  RcaCaseError,
} from '@cloudops-ai/backstage-plugin-cloudops-backend/rca';
import { RcaRanking } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Command } from 'commander';
import { ReportedFailure } from '../failures';
import { Output } from './rules';

/** The case files of a folder: every `*.json` in it, in name order. */
export async function caseFilesIn(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir);
  return names
    .filter(name => name.endsWith('.json'))
    .sort()
    .map(name => path.join(dir, name));
}

/** A case file read and checked, or the error that says what is wrong and where. */
export async function readCaseFile(file: string) {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `${file}: cannot read the file: ${(error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON: ${(error as Error).message}`);
  }
  try {
    return parseRcaCase(data);
  } catch (error) {
    if (error instanceof RcaCaseError) {
      throw new Error(
        error.problems.map(p => `${file}: ${p.field}: ${p.message}`).join('\n'),
      );
    }
    throw error;
  }
}

/** The output the case format specifies: id and ranking, nothing more. */
export function toOutput(result: RcaRanking) {
  return {
    id: result.id,
    ranking: result.ranking.map(({ service, score, fault, evidence }) => ({
      service,
      score,
      fault,
      evidence,
    })),
  };
}

/**
 * Runs RCA on case files: one JSON object per case on `out` (one line each),
 * and for each malformed case an error naming the file and field on `err`.
 *
 * @returns the exit code: 2 when any case was malformed, 0 otherwise
 */
export async function runRcaOnFiles(
  files: string[],
  output: Output,
): Promise<number> {
  let malformed = false;
  for (const file of files) {
    let rcaCase;
    try {
      rcaCase = await readCaseFile(file);
    } catch (error) {
      malformed = true;
      output.err((error as Error).message);
      continue;
    }
    output.out(JSON.stringify(toOutput(analyzeCase(rcaCase))));
  }
  return malformed ? 2 : 0;
}

/** Adds `cloudops rca --case FILE | --cases DIR`. */
export function registerRcaCommand(program: Command): void {
  program
    .command('rca')
    .description(
      'Root-cause analysis of RCA case files (see docs/reference/rca-case.md): prints a ranking per case as JSON; exit 2 when a case is malformed',
    )
    .option('--case <file>', 'one case file')
    .option('--cases <dir>', 'every *.json in a folder, as JSON Lines')
    .action(async (options: { case?: string; cases?: string }, command) => {
      if (Boolean(options.case) === Boolean(options.cases)) {
        command.error('error: give exactly one of --case FILE or --cases DIR');
      }
      let files: string[] = [];
      try {
        files = options.case
          ? [options.case]
          : await caseFilesIn(options.cases!);
      } catch (error) {
        command.error(
          `${options.cases}: cannot read the folder: ${
            (error as Error).message
          }`,
        );
      }
      const code = await runRcaOnFiles(files, {
        out: line => process.stdout.write(`${line}\n`),
        err: line => process.stderr.write(`${line}\n`),
      });
      if (code !== 0) {
        throw new ReportedFailure(
          code,
          'cloudops.rca.malformed',
          'Some cases are malformed',
        );
      }
    });
}
