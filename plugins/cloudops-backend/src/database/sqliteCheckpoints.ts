import { Worker } from 'node:worker_threads';

/** How often the worker copies the write-ahead log back into the database. */
const EVERY_MS = 1000;

/** What one checkpoint did, as SQLite reports it (frames of the log). */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * The worker: its own connection to the database file, checkpointing
 * passively (never waiting for, nor blocking, the writer or readers).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
setInterval(() => {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage(result);
}, workerData.everyMs);
`;

const workers = new Map<string, Worker>();

/**
 * Moves a SQLite database's checkpoints off the thread that writes: a
 * checkpoint copies the log's pages back into the database file and syncs
 * it, which in the writer's commit held every request up (70 ms every few
 * seconds under load). One worker per database file and process; it does
 * not keep the process alive. The writer's own automatic checkpoint stays
 * as a backstop, and finds little left to copy. Undefined when the driver
 * cannot be found from here (the writer then checkpoints, as before).
 */
export function checkpointInWorker(
  file: string,
  options: { everyMs?: number } = {},
): Worker | undefined {
  const running = workers.get(file);
  if (running) return running;
  let driver: string;
  try {
    driver = require.resolve('better-sqlite3');
  } catch {
    return undefined;
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file, everyMs: options.everyMs ?? EVERY_MS },
  });
  worker.unref();
  // A worker that failed leaves the checkpoints to the writer's backstop;
  // the next connection to the file starts another.
  const forget = () => {
    if (workers.get(file) === worker) workers.delete(file);
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  workers.set(file, worker);
  return worker;
}
