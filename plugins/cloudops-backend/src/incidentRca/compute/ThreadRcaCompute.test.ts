import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import knexFactory, { Knex } from 'knex';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CloudopsDatabase } from '../../database/CloudopsDatabase';
import { normalizeSignal } from '../../signals/normalizeSignal';
import { cloudopsTestDatabases } from '../../__testUtils__/testDatabases';
import { LocalRcaCompute } from './LocalRcaCompute';
import { CaseParts, RcaCompute } from './RcaCompute';
import { ThreadRcaCompute } from './ThreadRcaCompute';

jest.setTimeout(120_000);

/** Worker threads load the TypeScript entry as `backstage-cli package start` does. */
const execArgv = [
  '--require',
  require.resolve('@backstage/cli/config/nodeTransform.cjs'),
];
const entry = path.resolve(__dirname, '../../rcaWorker.ts');

const t0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const fault = t0 + 50 * 60_000;
const WEB = 'component:default/web';
const DB = 'component:default/db';

function latency(
  ms: number,
  entityRef: string,
  value: number,
  labels: Record<string, string>,
): SignalInput {
  return {
    source: 'prometheus',
    kind: 'metric',
    name: 'latency_ms',
    timestamp: new Date(t0 + ms).toISOString(),
    value,
    entityRef,
    labels,
  };
}

/** An hour of two services' latency; the database's rises at the fault. */
function history(): SignalInput[] {
  const inputs: SignalInput[] = [];
  for (let ms = 0; ms < 55 * 60_000; ms += 15_000) {
    const after = ms >= fault - t0;
    const wobble = (ms / 15_000) % 3;
    inputs.push(
      latency(ms, DB, (after ? 400 : 20) + wobble, {
        source_workload: 'web',
        destination_workload: 'db',
      }),
      latency(ms, WEB, (after ? 90 : 30) + wobble, { pod: 'web-1' }),
    );
  }
  return inputs;
}

const query = {
  from: new Date(t0),
  to: new Date(t0 + 56 * 60_000),
  stepMs: 15_000,
  limit: 100_000,
};

const parts: CaseParts = {
  incidentId: 'inc-1',
  symptom: WEB,
  faultTime: new Date(fault),
  now: new Date(t0 + 55 * 60_000),
  services: [DB, WEB],
  edges: [[WEB, DB]],
  alerts: [],
  events: [],
};

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});
afterEach(() => jest.restoreAllMocks());

/** The exit code of the next worker that a call is posted to. */
function nextWorkerExit(): Promise<number> {
  const postMessage = jest.spyOn(Worker.prototype, 'postMessage');
  return new Promise(resolve => {
    postMessage.mockImplementationOnce(function post(this: Worker, message) {
      this.once('exit', resolve);
      postMessage.mockRestore();
      this.postMessage(message);
    });
  });
}

/**
 * The plugin's database on a SQLite file (the in-memory one of the test
 * databases cannot be opened by a second connection) or on PostgreSQL.
 */
async function databaseFor(
  databases: ReturnType<typeof cloudopsTestDatabases>,
  id: TestDatabaseId,
): Promise<{ database: CloudopsDatabase; knex: Knex }> {
  if (id !== 'SQLITE_3') return databases.create(id);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-rca-thread-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'cloudops.sqlite') },
    useNullAsDefault: true,
  });
  cleanups.push(async () => {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const database = await CloudopsDatabase.create({
    database: mockServices.database({ knex }),
  });
  return { database, knex };
}

/** PostgreSQL settings whose connections show as `name` in pg_stat_activity. */
function named(config: Knex.Config, name: string): Knex.Config {
  const connection = config.connection as Knex.PgConnectionConfig;
  return { ...config, connection: { ...connection, application_name: name } };
}

/** How many connections named `name` the PostgreSQL server of `knex` has. */
async function connectionsNamed(knex: Knex, name: string): Promise<number> {
  const [row] = await knex('pg_stat_activity')
    .where({ application_name: name })
    .count({ n: '*' });
  return Number(row.n);
}

function failingEntry(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-rca-entry-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'entry.js');
  fs.writeFileSync(file, code);
  return file;
}

/** What workers running a script (not `rcaWorker`) are given: they open none. */
const NO_DATABASE: Knex.Config = { client: 'better-sqlite3' };

/**
 * Computation on worker threads running `entryFile` (which may load
 * TypeScript), with a mock logger.
 */
function threadOn(
  entryFile: string,
  database: Knex.Config,
  fallback: RcaCompute,
  options: Partial<ConstructorParameters<typeof ThreadRcaCompute>[0]> = {},
) {
  const logger = mockServices.logger.mock();
  const thread = new ThreadRcaCompute({
    entry: entryFile,
    database,
    fallback,
    logger,
    execArgv,
    ...options,
  });
  return { thread, logger };
}

/** How a call that is not awaited yet ends: its result, or its error. */
const outcome = <T>(call: Promise<T>) => call.catch((error: Error) => error);

describe('ThreadRcaCompute', () => {
  const databases = cloudopsTestDatabases();

  it.each(databases.ids)(
    'reads and analyses on a worker thread as the main thread does, on %p',
    async id => {
      const { database } = await databaseFor(databases, id);
      await database.stores.signals.insertNew(
        history().map(normalizeSignal),
        new Date(),
      );
      expect(database.readerConfig()).toBeDefined();
      const local = new LocalRcaCompute(database.stores.signals);
      const { thread } = threadOn(entry, database.readerConfig()!, local);
      try {
        const [here, there] = await Promise.all([
          local.readSeries([DB, WEB], query),
          thread.readSeries([DB, WEB], query),
        ]);
        expect(there.calls).toEqual([['web', 'db']]);
        expect(there.calls).toEqual(here.calls);
        const expected = await local.analyze(here.readId, parts);
        const analysis = await thread.analyze(there.readId, parts);
        expect(analysis).toEqual(expected);
        expect(analysis.ranking[0].service).toBe(DB);
        expect(analysis.inputs.series).toBe(2);

        thread.release(there.readId);
        await expect(thread.analyze(there.readId, parts)).rejects.toThrow(
          'no longer held',
        );
      } finally {
        await thread.close();
      }
    },
  );

  it.each(databases.ids)(
    'closes its worker, which ends its calls and exits by itself, on %p',
    async id => {
      const { database } = await databaseFor(databases, id);
      const { thread, logger } = threadOn(
        entry,
        database.readerConfig()!,
        new LocalRcaCompute(database.stores.signals),
      );
      const terminate = jest.spyOn(Worker.prototype, 'terminate');
      const exit = nextWorkerExit();
      await thread.readSeries([WEB], query);

      const inFlight = outcome(thread.readSeries([WEB], query));
      await thread.close();

      expect(await inFlight).toEqual(
        new Error('The RCA computation has been closed'),
      );
      await expect(exit).resolves.toBe(0);
      expect(terminate).not.toHaveBeenCalled();
      expect(logger.warn).not.toHaveBeenCalled();
    },
  );

  it('terminates a worker that does not close in time', async () => {
    const stuck = failingEntry(`
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', call => {
        if (call.method === 'readSeries') for (;;);
      });`);
    const { thread, logger } = threadOn(
      stuck,
      NO_DATABASE,
      new LocalRcaCompute({} as never),
      { closeTimeoutMs: 300 },
    );
    const terminate = jest.spyOn(Worker.prototype, 'terminate');
    const exit = nextWorkerExit();
    const inFlight = outcome(thread.readSeries([WEB], query));
    const closing = Date.now();
    await thread.close();

    expect(Date.now() - closing).toBeGreaterThanOrEqual(290);
    expect(await inFlight).toEqual(
      new Error('The RCA computation has been closed'),
    );
    expect(terminate).toHaveBeenCalledTimes(1);
    await expect(exit).resolves.toBe(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'The RCA worker thread did not close cleanly (stopped after 300 ms)',
    );
  });

  it('fails a call with the worker’s error, with its stack and causes', async () => {
    const throwing = failingEntry(`
      const { parentPort } = require('node:worker_threads');
      const { serveRcaCompute } = require(${JSON.stringify(
        require.resolve('./rcaComputeMessages'),
      )});
      function readRollups() {
        const cause = new RangeError('no rollup before the window');
        throw new Error('cannot read the series', { cause });
      }
      serveRcaCompute(
        parentPort,
        { readSeries: async () => readRollups(), close: async () => {} },
        async () => {},
      );`);
    const { thread } = threadOn(
      throwing,
      NO_DATABASE,
      new LocalRcaCompute({} as never),
    );
    try {
      const error = (await outcome(thread.readSeries([WEB], query))) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toBe('cannot read the series');
      expect(error.stack).toMatch(
        /^Error: cannot read the series\n\s+at .*\n {4}\[in RCA worker\] Error: cannot read the series\n\s+at readRollups /s,
      );
      expect(error.cause).toBeInstanceOf(Error);
      expect(error.cause).toMatchObject({
        name: 'RangeError',
        message: 'no rollup before the window',
        stack: expect.stringMatching(
          /\n {4}\[in RCA worker\] RangeError: no rollup before the window\n\s+at readRollups /,
        ),
      });
    } finally {
      await thread.close();
    }
  });

  it('moves to the main thread when workers cannot read the database', async () => {
    const { thread, logger } = threadOn(
      entry,
      {
        client: 'better-sqlite3',
        connection: {
          filename: path.join(os.tmpdir(), 'cloudops-no-such-dir', 'x.sqlite'),
          options: { readonly: true },
        },
        useNullAsDefault: true,
      },
      new LocalRcaCompute({ listMetricSeries: async () => [] } as never),
    );
    for (let i = 0; i < 3; i++) {
      await expect(thread.readSeries([WEB], query)).rejects.toThrow(
        'RCA worker cannot read the database',
      );
    }
    expect(logger.warn).toHaveBeenLastCalledWith(
      expect.stringMatching(/RCAs now run on the main thread$/),
    );
    const read = await thread.readSeries([WEB], query);
    await expect(thread.analyze(read.readId, parts)).resolves.toMatchObject({
      inputs: { series: 0 },
    });
    await thread.close();
  });

  if (databases.ids.flat().includes('POSTGRES_15')) {
    it('ends the worker’s PostgreSQL connections when it closes', async () => {
      const { database, knex } = await databaseFor(databases, 'POSTGRES_15');
      const name = `cloudops-rca-close-${process.pid}`;
      const { thread } = threadOn(
        entry,
        named(database.readerConfig()!, name),
        new LocalRcaCompute(database.stores.signals),
      );
      await thread.readSeries([WEB], query);
      expect(await connectionsNamed(knex, name)).toBeGreaterThan(0);

      await thread.close();
      expect(await connectionsNamed(knex, name)).toBe(0);
    });

    it('takes the PostgreSQL role Backstage sets on the plugin connections', async () => {
      const { database, knex } = await databaseFor(databases, 'POSTGRES_15');
      await knex.raw(
        `DO $$ BEGIN CREATE ROLE cloudops_rca_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
      );
      const name = `cloudops-rca-role-${process.pid}`;
      const run = async () => {
        const { thread } = threadOn(
          entry,
          named(database.readerConfig()!, name),
          new LocalRcaCompute(database.stores.signals),
          { role: 'cloudops_rca_reader' },
        );
        try {
          return await thread.readSeries([WEB], query);
        } finally {
          await thread.close();
        }
      };
      // As that role, which may not read the table yet, the worker fails,
      // having ended its connection first…
      await expect(run()).rejects.toThrow('permission denied');
      expect(await connectionsNamed(knex, name)).toBe(0);
      // …and reads once the role may.
      await knex.raw('GRANT SELECT ON signal_rollups TO cloudops_rca_reader');
      await expect(run()).resolves.toMatchObject({ calls: [] });
    });
  }

  it('fails the calls of a worker that stops, starts another, and stays on the main thread after three', async () => {
    const fallback: RcaCompute = {
      offThread: false,
      readSeries: jest.fn(async () => ({ readId: 7, calls: [] })),
      analyze: jest.fn(async () => ({
        ranking: [],
        inputs: { series: 0, changes: 0, graphEdges: 0 },
      })),
      release: jest.fn(),
      close: jest.fn(async () => {}),
    };
    const { thread, logger } = threadOn(
      failingEntry(
        "require('node:worker_threads').parentPort.on('message', () => process.exit(3));",
      ),
      NO_DATABASE,
      fallback,
    );
    expect(thread.offThread).toBe(true);
    for (let i = 0; i < 3; i++) {
      await expect(thread.readSeries([WEB], query)).rejects.toThrow(
        'The RCA worker thread stopped: exited with code 3',
      );
    }
    expect(thread.offThread).toBe(false);
    expect(logger.warn).toHaveBeenLastCalledWith(
      'The RCA worker thread stopped (exited with code 3); RCAs now run on the main thread',
    );
    const read = await thread.readSeries([WEB], query);
    await thread.analyze(read.readId, parts);
    expect(fallback.analyze).toHaveBeenCalledWith(7, parts);
    thread.release(read.readId);
    expect(fallback.release).toHaveBeenCalledWith(7);
    await thread.close();
    expect(fallback.close).toHaveBeenCalled();
  });

  it('stops a worker that does not answer in time, and reads again on the next one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-rca-count-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    // The first worker answers reads only; the next ones answer everything.
    const slowFirst = failingEntry(`
      const fs = require('node:fs');
      const { parentPort } = require('node:worker_threads');
      const file = ${JSON.stringify(path.join(dir, 'started'))};
      const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
      fs.writeFileSync(file, String(n));
      parentPort.on('message', call => {
        if (call.method === 'readSeries') {
          parentPort.postMessage({ id: call.id, result: { readId: 1, calls: [['worker' + n, 'db']] } });
        } else if (call.method === 'analyze' && n > 1) {
          parentPort.postMessage({ id: call.id, result: { ranking: [], inputs: { series: n, changes: 0, graphEdges: 0 } } });
        } else if (call.method === 'close') {
          parentPort.close();
        }
      });`);
    const { thread, logger } = threadOn(
      slowFirst,
      NO_DATABASE,
      new LocalRcaCompute({} as never),
      // Without the TypeScript transform, it starts well within the 300 ms.
      { callTimeoutMs: 300, execArgv: undefined },
    );
    const read = await thread.readSeries([WEB], query);
    expect(read.calls).toEqual([['worker1', 'db']]);
    await expect(thread.analyze(read.readId, parts)).rejects.toThrow(
      'analyze took over 300 ms',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'The RCA worker thread stopped (analyze took over 300 ms)',
    );
    // The read's series were on the stopped worker: the next one reads them.
    await expect(thread.analyze(read.readId, parts)).resolves.toEqual({
      ranking: [],
      inputs: { series: 2, changes: 0, graphEdges: 0 },
    });
    await thread.close();
    await expect(thread.readSeries([WEB], query)).rejects.toThrow('closed');
  });
});
