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
 * passively (never waiting for, nor blocking, the writer or readers). Its
 * errors are rethrown as plain errors: a driver's own error class reaches
 * the parent thread without its message.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
function fail(error) {
  const code = error && error.code ? ' (' + error.code + ')' : '';
  throw new Error(String((error && error.message) || error) + code);
}
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
} catch (error) {
  fail(error);
}
setInterval(() => {
  let result;
  try {
    [result] = db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    fail(error);
  }
  parentPort.postMessage(result);
}, workerData.everyMs);
`;

/** A file's worker and how many connections to the file use it. */
interface Checkpointer {
  worker: Worker;
  connections: number;
}

const running = new Map<string, Checkpointer>();

/** A connection's use of its file's worker. */
export interface Checkpoints {
  worker: Worker;
  /** Call when the connection closes: the last one to close stops the worker. */
  release(): void;
}

/**
 * Moves a SQLite database's checkpoints off the thread that writes: a
 * checkpoint copies the log's pages back into the database file and syncs
 * it, which in the writer's commit held every request up (70 ms every few
 * seconds under load). One worker per database file and process, shared by
 * the connections to the file, stopped when the last of them is released;
 * it does not keep the process alive. The writer's own automatic checkpoint
 * stays as a backstop, and finds little left to copy: a worker that fails
 * (`onError`) leaves the checkpoints to it until a new connection starts
 * another. Undefined when the driver cannot be found from here (the writer
 * then checkpoints, as before).
 */
export function checkpointInWorker(
  file: string,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): Checkpoints | undefined {
  let checkpointer = running.get(file);
  if (!checkpointer) {
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
    const started: Checkpointer = { worker, connections: 0 };
    const forget = () => {
      if (running.get(file) === started) running.delete(file);
    };
    worker.on('error', error => {
      forget();
      options.onError?.(error);
    });
    worker.on('exit', forget);
    running.set(file, started);
    checkpointer = started;
  }
  const used = checkpointer;
  used.connections++;
  let released = false;
  return {
    worker: used.worker,
    release() {
      if (released) return;
      released = true;
      used.connections--;
      if (used.connections === 0) {
        if (running.get(file) === used) running.delete(file);
        used.worker.terminate();
      }
    },
  };
}
