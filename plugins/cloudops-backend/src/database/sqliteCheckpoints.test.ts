import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import knexFactory, { Knex } from 'knex';
import { CheckpointResult, checkpointInWorker } from './sqliteCheckpoints';
import { tuneSqlite } from './tuneSqlite';

describe('checkpointInWorker', () => {
  let dir: string;
  let file: string;
  let db: Knex;
  let worker: Worker | undefined;

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
    await worker?.terminate();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies what the writer commits back into the database, in a worker of its own', async () => {
    await tuneSqlite(db);
    worker = checkpointInWorker(file);
    expect(worker).toBeDefined();
    // One worker per file, however many connections the pool opens.
    expect(checkpointInWorker(file)).toBe(worker);
    const checkpoints: CheckpointResult[] = [];
    worker!.on('message', (result: CheckpointResult) =>
      checkpoints.push(result),
    );

    await db.schema.createTable('t', table => table.text('v'));
    for (let i = 0; i < 20; i++) {
      await db('t').insert(
        Array.from({ length: 50 }, () => ({ v: 'x'.repeat(500) })),
      );
    }
    const done = () =>
      checkpoints.some(c => c.log > 100 && c.checkpointed === c.log);
    for (let waited = 0; !done() && waited < 10_000; waited += 100) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(done()).toBe(true);
    // Passive: it never had to wait for the writer.
    expect(checkpoints.every(c => c.busy === 0)).toBe(true);
    await expect(db('t').count({ n: '*' })).resolves.toEqual([{ n: 1000 }]);
  });
});
