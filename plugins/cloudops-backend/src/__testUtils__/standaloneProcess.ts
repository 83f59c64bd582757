import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts `standaloneBackend.ts` in a process of its own (so a test can kill
 * it) on `port`, with its SQLite database in `dbDir` and `config` merged
 * into its `cloudops` config.
 */
export function startStandaloneBackend(options: {
  port: number;
  dbDir: string;
  config?: object;
}): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.resolve(__dirname, 'standaloneBackend.ts'),
    ],
    {
      env: {
        ...process.env,
        CLOUDOPS_TEST_PORT: String(options.port),
        CLOUDOPS_TEST_DB_DIR: options.dbDir,
        ...(options.config && {
          CLOUDOPS_TEST_CONFIG: JSON.stringify(options.config),
        }),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr!.on('data', () => {});
  return child;
}

/** Waits until the backend at `base` says it is ready (two minutes at most). */
export async function waitReady(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${base} never became ready`);
    await new Promise(r => setTimeout(r, 250));
  }
}
