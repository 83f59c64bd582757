import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

function failingEntry(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-rca-entry-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'entry.js');
  fs.writeFileSync(file, code);
  return file;
}

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
      const thread = new ThreadRcaCompute({
        entry,
        database: database.readerConfig()!,
        fallback: new LocalRcaCompute(database.stores.signals),
        logger: mockServices.logger.mock(),
        execArgv,
      });
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

  it('moves to the main thread when workers cannot read the database', async () => {
    const fallback = new LocalRcaCompute({
      listMetricSeries: async () => [],
    } as never);
    const logger = mockServices.logger.mock();
    const thread = new ThreadRcaCompute({
      entry,
      database: {
        client: 'better-sqlite3',
        connection: {
          filename: path.join(os.tmpdir(), 'cloudops-no-such-dir', 'x.sqlite'),
          options: { readonly: true },
        },
        useNullAsDefault: true,
      },
      fallback,
      logger,
      execArgv,
    });
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
    it('takes the PostgreSQL role Backstage sets on the plugin connections', async () => {
      const { database, knex } = await databaseFor(databases, 'POSTGRES_15');
      await knex.raw(
        `DO $$ BEGIN CREATE ROLE cloudops_rca_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
      );
      const run = async () => {
        const thread = new ThreadRcaCompute({
          entry,
          database: database.readerConfig()!,
          role: 'cloudops_rca_reader',
          fallback: new LocalRcaCompute(database.stores.signals),
          logger: mockServices.logger.mock(),
          execArgv,
        });
        try {
          return await thread.readSeries([WEB], query);
        } finally {
          await thread.close();
        }
      };
      // As that role, which may not read the table yet, the worker fails…
      await expect(run()).rejects.toThrow('permission denied');
      // …and reads once the role may.
      await knex.raw('GRANT SELECT ON signal_rollups TO cloudops_rca_reader');
      await expect(run()).resolves.toMatchObject({ calls: [] });
    });
  }

  it('fails the calls of a worker that stops, starts another, and stays on the main thread after three', async () => {
    const fallback: RcaCompute = {
      readSeries: jest.fn(async () => ({ readId: 7, calls: [] })),
      analyze: jest.fn(async () => ({
        ranking: [],
        inputs: { series: 0, changes: 0, graphEdges: 0 },
      })),
      release: jest.fn(),
      close: jest.fn(async () => {}),
    };
    const logger = mockServices.logger.mock();
    const thread = new ThreadRcaCompute({
      entry: failingEntry(
        "require('node:worker_threads').parentPort.on('message', () => process.exit(3));",
      ),
      database: { client: 'better-sqlite3' },
      fallback,
      logger,
    });
    for (let i = 0; i < 3; i++) {
      await expect(thread.readSeries([WEB], query)).rejects.toThrow(
        'The RCA worker thread stopped: exited with code 3',
      );
    }
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
        }
      });`);
    const logger = mockServices.logger.mock();
    const thread = new ThreadRcaCompute({
      entry: slowFirst,
      database: { client: 'better-sqlite3' },
      fallback: new LocalRcaCompute({} as never),
      logger,
      callTimeoutMs: 300,
    });
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
