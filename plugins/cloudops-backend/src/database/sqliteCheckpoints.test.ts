import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import knexFactory, { Knex } from 'knex';
import {
  CheckpointResult,
  Checkpoints,
  checkpointInWorker,
} from './sqliteCheckpoints';
import { tuneSqlite } from './tuneSqlite';

describe('checkpointInWorker', () => {
  let dir: string;
  let file: string;
  let db: Knex;
  let checkpoints: Checkpoints | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudops-checkpoints-'));
    file = path.join(dir, 'db.sqlite');
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
    });
  });

  afterEach(async () => {
    checkpoints?.release();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies what the writer commits back into the database, in a worker of its own', async () => {
    await tuneSqlite(db);
    // One worker per file, however many connections use it: the pool's
    // connection started it, this finds it.
    checkpoints = checkpointInWorker(file);
    const worker: Worker = checkpoints!.worker;
    expect(checkpointInWorker(file)!.worker).toBe(worker);
    const results: CheckpointResult[] = [];
    worker.on('message', (result: CheckpointResult) => results.push(result));

    await db.schema.createTable('t', table => table.text('v'));
    for (let i = 0; i < 20; i++) {
      await db('t').insert(
        Array.from({ length: 50 }, () => ({ v: 'x'.repeat(500) })),
      );
    }
    const done = () =>
      results.some(c => c.log > 100 && c.checkpointed === c.log);
    for (let waited = 0; !done() && waited < 10_000; waited += 100) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(done()).toBe(true);
    // Passive: it never had to wait for the writer.
    expect(results.every(c => c.busy === 0)).toBe(true);
    await expect(db('t').count({ n: '*' })).resolves.toEqual([{ n: 1000 }]);
  });

  it('stops with the last connection to its file', async () => {
    await tuneSqlite(db);
    const own = checkpointInWorker(file)!;
    const exited = new Promise(resolve => own.worker.once('exit', resolve));
    own.release();
    own.release(); // releasing twice counts once
    // The pool's connection still uses it.
    const again = checkpointInWorker(file)!;
    expect(again.worker).toBe(own.worker);
    again.release();
    await db.destroy(); // closes the pool's connection, the last user
    db = knexFactory({ client: 'better-sqlite3', connection: ':memory:' });
    await exited;
    // A new connection starts another.
    checkpoints = checkpointInWorker(file);
    expect(checkpoints!.worker).not.toBe(own.worker);
  });

  it('reports a worker that fails, and forgets it', async () => {
    const missing = path.join(dir, 'missing.sqlite');
    const failed = new Promise<unknown>(resolve => {
      checkpoints = checkpointInWorker(missing, { onError: resolve });
    });
    // Its error comes from the worker's thread: read its message.
    expect(String(((await failed) as Error).message)).toMatch(
      /unable to open.*\(SQLITE_CANTOPEN\)/,
    );
    const next = checkpointInWorker(missing, { onError: () => {} });
    expect(next!.worker).not.toBe(checkpoints!.worker);
    next!.release();
  });
});
