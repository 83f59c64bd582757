import fs from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  formatRuleError,
  parseRunbookFile,
  Runbook,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * The runbook library: the runbooks of the YAML files named in
 * `cloudops.rca.runbooks`. Files are re-read when they change (checked each
 * time the library is asked); a file with errors keeps the runbooks it had
 * when it was last good, and its errors are logged with file, line and
 * column. A runbook id another file already defined is left out. The RCA
 * suggests from it; executors find the action a requested runbook runs.
 *
 * @public
 */
export class RunbookLibrary {
  private readonly files: string[];
  private readonly loaded = new Map<
    string,
    { mtimeMs: number; runbooks: Runbook[] }
  >();

  constructor(files: string[], private readonly logger: LoggerService) {
    this.files = [...new Set(files.map(f => resolvePath(process.cwd(), f)))];
  }

  async runbooks(): Promise<Runbook[]> {
    const seen = new Set<string>();
    const result: Runbook[] = [];
    for (const file of this.files) {
      for (const runbook of await this.read(file)) {
        if (seen.has(runbook.id)) {
          this.logger.warn(
            `${file}: runbook id ${runbook.id} is defined in another file too; the first is used`,
          );
          continue;
        }
        seen.add(runbook.id);
        result.push(runbook);
      }
    }
    return result;
  }

  private async read(file: string): Promise<Runbook[]> {
    const previous = this.loaded.get(file);
    let mtimeMs: number;
    try {
      mtimeMs = (await fs.stat(file)).mtimeMs;
    } catch (error) {
      this.logger.error(`${file}: cannot read the runbook file: ${error}`);
      return previous?.runbooks ?? [];
    }
    if (previous && previous.mtimeMs === mtimeMs) return previous.runbooks;
    const parsed = parseRunbookFile(await fs.readFile(file, 'utf8'), file);
    if (parsed.errors.length > 0) {
      parsed.errors.forEach(e => this.logger.error(formatRuleError(e)));
      this.loaded.set(file, {
        mtimeMs,
        runbooks: previous?.runbooks ?? [],
      });
    } else {
      this.loaded.set(file, { mtimeMs, runbooks: parsed.runbooks });
    }
    return this.loaded.get(file)!.runbooks;
  }
}
