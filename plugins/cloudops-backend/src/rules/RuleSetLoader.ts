import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  findDuplicateRuleIds,
  formatRuleError,
  ParsedRules,
  Rule,
  RuleCheckOptions,
  RuleError,
  validateRuleList,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { readRuleFile } from '@cloudops-ai/backstage-plugin-cloudops-node';
import chokidar, { FSWatcher } from 'chokidar';
import { resolve as resolvePath } from 'node:path';
import { plural } from '../text/plural';

const INLINE_KEY = 'cloudops.rules.inline';

/** @public */
export interface RuleSetLoaderOptions extends RuleCheckOptions {
  config: Config;
  logger: LoggerService;
  /** Watch files by polling at this interval instead of file-system events. */
  pollIntervalMs?: number;
}

/**
 * The rule set from `cloudops.rules`: the rules of every file in `files` and
 * the `inline` rules. A file with errors keeps contributing the rules it had
 * when it was last good (none if it never was); a rule whose id another
 * source already defined is left out. With `executors`, a remediate action
 * naming another executor is an error of its source. With `watch` (the
 * default) files are re-read when they change.
 *
 * @public
 */
export class RuleSetLoader {
  private readonly files: string[];
  private readonly watch: boolean;
  private readonly lastGood = new Map<string, ParsedRules>();
  private readonly fileErrors = new Map<string, RuleError[]>();
  private readonly listeners = new Set<(rules: Rule[]) => void>();
  private rules: Rule[] = [];
  private errors: RuleError[] = [];
  private queue: Promise<void> = Promise.resolve();
  private watcher?: FSWatcher;

  /** Creates a loader, loads the rule set and, if configured, starts watching. */
  static async create(options: RuleSetLoaderOptions): Promise<RuleSetLoader> {
    const loader = new RuleSetLoader(options);
    await loader.reload();
    // chokidar never gets ready without paths.
    if (loader.watch && loader.files.length > 0) {
      await loader.startWatching();
    }
    return loader;
  }

  constructor(private readonly options: RuleSetLoaderOptions) {
    const { config } = options;
    const files = config.getOptionalStringArray('cloudops.rules.files') ?? [];
    this.files = [
      ...new Set(files.map(file => resolvePath(process.cwd(), file))),
    ];
    this.watch = config.getOptionalBoolean('cloudops.rules.watch') ?? true;
  }

  /** The current rules, the same array until the rule set changes. */
  getRules(): Rule[] {
    return this.rules;
  }

  /** What is wrong with the sources now. */
  getErrors(): RuleError[] {
    return this.errors;
  }

  /**
   * Calls `listener` with the new rules whenever the rule set changes.
   *
   * @returns a function that removes the listener
   */
  onChange(listener: (rules: Rule[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Reads every file and the inline rules again. */
  reload(): Promise<void> {
    return this.load(this.files);
  }

  /** Stops watching the files. */
  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
  }

  /** Watches the files; resolves once the watcher is ready to see changes. */
  private async startWatching() {
    const interval = this.options.pollIntervalMs;
    const watcher = chokidar.watch(this.files, {
      ignoreInitial: true,
      usePolling: interval !== undefined,
      interval,
    });
    this.watcher = watcher;
    const changed = (file: string) => {
      this.load([resolvePath(file)]).catch(error =>
        this.options.logger.error(`Failed to reload rules from ${file}`, error),
      );
    };
    watcher.on('add', changed).on('change', changed).on('unlink', changed);
    await new Promise(resolve => watcher.once('ready', resolve));
  }

  /** Loads the given files (one load at a time) and rebuilds the rule set. */
  private load(files: string[]): Promise<void> {
    const run = this.queue.then(async () => {
      for (const file of files) {
        await this.loadFile(file);
      }
      this.rebuild();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadFile(file: string) {
    const parsed = await readRuleFile(file, this.check());
    if (parsed.errors.length === 0) {
      this.lastGood.set(file, parsed);
      this.fileErrors.delete(file);
      return;
    }
    this.fileErrors.set(file, parsed.errors);
    const kept = this.lastGood.get(file)?.rules.length;
    const consequence =
      kept === undefined
        ? 'it contributes no rules'
        : `keeping its last good ${plural(kept, 'rule')}`;
    this.options.logger.error(
      `Rules file ${file} has ${plural(
        parsed.errors.length,
        'error',
      )}; ${consequence}:\n${parsed.errors.map(formatRuleError).join('\n')}`,
    );
  }

  private check(): RuleCheckOptions {
    return { executors: this.options.executors };
  }

  private rebuild() {
    const inline = this.options.config.getOptional(INLINE_KEY);
    const inlineRules =
      inline === undefined
        ? undefined
        : validateRuleList(
            inline,
            { file: 'config', path: INLINE_KEY },
            this.check(),
          );
    if (inlineRules && inlineRules.errors.length > 0) {
      this.options.logger.error(
        `Inline rules have errors; they contribute no rules:\n${inlineRules.errors
          .map(formatRuleError)
          .join('\n')}`,
      );
    }

    const sources = [
      ...(inlineRules ? [inlineRules] : []),
      ...this.files.flatMap(file => this.lastGood.get(file) ?? []),
    ];
    const duplicates = findDuplicateRuleIds(sources.flatMap(s => s.origins));
    for (const duplicate of duplicates) {
      this.options.logger.error(`Rule left out: ${formatRuleError(duplicate)}`);
    }
    const seen = new Set<string>();
    const rules = sources
      .flatMap(source => source.rules)
      .filter(rule => {
        const first = !seen.has(rule.id);
        seen.add(rule.id);
        return first;
      });

    this.errors = [
      ...(inlineRules?.errors ?? []),
      ...this.files.flatMap(file => this.fileErrors.get(file) ?? []),
      ...duplicates,
    ];
    if (JSON.stringify(rules) === JSON.stringify(this.rules)) {
      return;
    }
    this.rules = rules;
    this.options.logger.info(
      `Loaded ${plural(rules.length, 'rule')} from ${plural(
        this.files.length,
        'file',
      )}${inlineRules ? ' and configuration' : ''}`,
    );
    for (const listener of this.listeners) {
      try {
        listener(rules);
      } catch (error) {
        this.options.logger.error('A rule set listener failed', error as Error);
      }
    }
  }
}
