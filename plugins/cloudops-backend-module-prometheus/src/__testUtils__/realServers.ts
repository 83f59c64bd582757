import { ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';

/**
 * The real servers of Debian's `prometheus` (prometheus, promtool) and
 * `prometheus-alertmanager` (prometheus-alertmanager, amtool) packages,
 * started on 127.0.0.1 ports of their own with temporary directories.
 */
export const BINARIES = {
  prometheus: 'prometheus',
  promtool: 'promtool',
  alertmanager: 'prometheus-alertmanager',
  amtool: 'amtool',
} as const;

const INSTALL_HINT =
  'apt-get install prometheus prometheus-alertmanager (Debian packages)';

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some(dir => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The binaries among `names` that are not installed. */
export function missingBinaries(names: string[]): string[] {
  return names.filter(name => !onPath(name));
}

/**
 * Declares a suite that runs when the binaries are installed; otherwise it
 * is skipped, and its title says what is missing and how to install it.
 */
export function describeWithBinaries(
  names: Array<keyof typeof BINARIES>,
  title: string,
  body: () => void,
) {
  const missing = missingBinaries(names.map(n => BINARIES[n]));
  const suite = missing.length === 0 ? describe : describe.skip;
  suite(
    missing.length === 0
      ? title
      : `${title} (skipped: needs ${missing.join(', ')}: ${INSTALL_HINT})`,
    body,
  );
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value other than undefined. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${
          last ? ` (last error: ${last})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** A temporary directory, removed by `remove`. */
export async function tempDir(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), `cloudops-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const execFileAsync = promisify(execFile);

/** A server process on a port of its own, with its log. */
export interface RunningServer {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  log(): Promise<string>;
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `binary` with the arguments for a port (tried again on another port
 * when the first is taken meanwhile), and polls `readyPath` until it answers.
 */
async function startServer(options: {
  binary: string;
  dir: string;
  args: (port: number) => string[];
  readyPath: string;
  /** A port chosen beforehand (others must know it); else a free one. */
  port?: number;
}): Promise<RunningServer> {
  const { binary, dir, args, readyPath } = options;
  const logFile = join(dir, `${binary}.log`);
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const fd = openSync(logFile, 'w');
    const child = spawn(binary, args(port), {
      cwd: dir,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    const log = () => readFile(logFile, 'utf8').catch(() => '');
    try {
      await waitFor(`${binary} on ${url}`, async () => {
        if (child.exitCode !== null) {
          throw new Error(`${binary} exited: ${(await log()).slice(-2000)}`);
        }
        const response = await fetch(`${url}${readyPath}`).catch(
          () => undefined,
        );
        // A server that asks for credentials is up too.
        return response?.ok || response?.status === 401 ? true : undefined;
      });
      return {
        url,
        port,
        dir,
        stop: () => stopProcess(child),
        log,
      };
    } catch (error) {
      await stopProcess(child);
      const text = await log();
      if (!options.port && attempt < 3 && /address already in use/.test(text)) {
        continue;
      }
      throw error;
    }
  }
}

/**
 * Writes OpenMetrics `history` and turns it into TSDB blocks with
 * `promtool tsdb create-blocks-from openmetrics`, for Prometheus to start on.
 * Days of history load much faster in blocks of a day (`blockDuration: '24h'`)
 * than in promtool's default two-hour blocks.
 */
export async function loadHistory(
  dataDir: string,
  history: string,
  blockDuration?: string,
) {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, '..', 'history.om');
  await writeFile(file, history);
  await execFileAsync(BINARIES.promtool, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    ...(blockDuration ? [`--max-block-duration=${blockDuration}`] : []),
    file,
    dataDir,
  ]);
}

/** Starts Prometheus on a history, with rule files and scrape targets. */
export async function startPrometheus(options: {
  dir: string;
  history?: string;
  /** promtool's block duration for the history (default 2h). */
  blockDuration?: string;
  rules?: Record<string, string>;
  config?: Record<string, unknown>;
  args?: string[];
  port?: number;
  /** Prometheus' web config (basic_auth_users with bcrypt hashes, TLS). */
  webConfig?: Record<string, unknown>;
}): Promise<RunningServer> {
  const { dir, history, rules = {}, config = {}, port, webConfig } = options;
  const args = [...(options.args ?? [])];
  if (webConfig) {
    await writeFile(join(dir, 'web.yml'), stringify(webConfig));
    args.push(`--web.config.file=${join(dir, 'web.yml')}`);
  }
  const data = join(dir, 'data');
  if (history) await loadHistory(data, history, options.blockDuration);
  for (const [name, text] of Object.entries(rules)) {
    await writeFile(join(dir, name), text);
  }
  await writeFile(
    join(dir, 'prometheus.yml'),
    stringify({
      global: { evaluation_interval: '1s', scrape_interval: '1s' },
      rule_files: Object.keys(rules),
      ...config,
    }),
  );
  return startServer({
    binary: BINARIES.prometheus,
    dir,
    port,
    readyPath: '/-/ready',
    args: listen => [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${listen}`,
      '--rules.alert.resend-delay=1s',
      ...args,
    ],
  });
}

/**
 * A Prometheus for the tests of a suite: started before them in a
 * temporary directory, stopped and the directory removed after them.
 */
export function prometheusForSuite(
  prefix: string,
  options: () => Omit<Parameters<typeof startPrometheus>[0], 'dir'>,
): { readonly url: string } {
  let server: RunningServer | undefined;
  let removeDir: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { dir, remove } = await tempDir(prefix);
    removeDir = remove;
    server = await startPrometheus({ dir, ...options() });
  });
  afterAll(async () => {
    await server?.stop();
    await removeDir?.();
  });
  return {
    get url() {
      return server!.url;
    },
  };
}

/** Starts Alertmanager with `config` (alertmanager.yml as text), no gossip port. */
export async function startAlertmanager(options: {
  dir: string;
  config: string;
  port?: number;
}): Promise<RunningServer> {
  const { dir, config, port } = options;
  await writeFile(join(dir, 'alertmanager.yml'), config);
  return startServer({
    binary: BINARIES.alertmanager,
    dir,
    port,
    readyPath: '/-/ready',
    args: listen => [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'am-data')}`,
      `--web.listen-address=127.0.0.1:${listen}`,
      '--cluster.listen-address=',
    ],
  });
}
