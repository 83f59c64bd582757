import { Worker } from 'node:worker_threads';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  CaseAnalysis,
  CaseParts,
  RcaCompute,
  SeriesQuery,
  SeriesRead,
} from './RcaCompute';
import {
  RcaComputeAnswer,
  RcaComputeCall,
  RcaComputeMethod,
} from './rcaComputeMessages';
import { RcaWorkerData } from './rcaWorkerData';
import { closeWorker } from './closeWorker';
import { errorFromWorker } from './workerErrors';

/**
 * After this many worker threads failed in a row (none answered a call in
 * between), the RCA stays on the main thread.
 */
const MAX_FAILURES = 3;
/**
 * A call not answered in this long stops its worker: the read of 10,000
 * series and the analysis of a 500-service case each take under a second,
 * so this is a hang, not a slow case.
 */
const CALL_TIMEOUT_MS = 120_000;
/**
 * A worker asked to close is terminated if it has not exited after this
 * long (it ends the call in progress first, then its connections).
 */
const CLOSE_TIMEOUT_MS = 5_000;
const CLOSED = 'The RCA computation has been closed';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/** One worker thread and the calls it has not answered yet. */
interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** A read, and where its series are held: a worker thread or the fallback. */
interface Holder {
  candidates: string[];
  query: SeriesQuery;
  thread?: Thread;
  heldId: number;
}

/**
 * The RCA's reads and analyses on a worker thread (`rcaWorker`) with its own
 * database connection: an analysis of a large incident, and the read of its
 * series, then never hold up the requests and signal batches of the main
 * thread. A worker that fails is replaced at the next call, and the calls
 * it had not answered fail (the RCA is tried again); an analysis of a read
 * it held reads again first. After {@link MAX_FAILURES} failures in a row
 * the work goes to `fallback` on the main thread, with a warning. Closed,
 * it fails the calls in progress and asks the worker to close its
 * database connections and exit.
 */
export class ThreadRcaCompute implements RcaCompute {
  private thread?: Thread;
  private failures = 0;
  private nextCallId = 1;
  private nextReadId = 1;
  private readonly holders = new Map<number, Holder>();
  private closed = false;

  constructor(
    private readonly deps: {
      /** The worker's module: the package's `rcaWorker` entry. */
      entry: string;
      /** How the worker connects to the plugin's database. */
      database: Knex.Config;
      /** A PostgreSQL role the worker's connections take. */
      role?: string;
      /** The main thread's computation, used once workers keep failing. */
      fallback: RcaCompute;
      logger: LoggerService;
      /** Node.js options of the worker; by default the process's own. */
      execArgv?: string[];
      /** How long a call may take before its worker is stopped. */
      callTimeoutMs?: number;
      /** How long a worker asked to close may take to exit. */
      closeTimeoutMs?: number;
    },
  ) {}

  /** Off the main thread until workers keep failing. */
  get offThread(): boolean {
    return this.failures < MAX_FAILURES;
  }

  async readSeries(
    candidates: string[],
    query: SeriesQuery,
  ): Promise<SeriesRead> {
    const holder: Holder = { candidates, query, heldId: 0 };
    const calls = await this.read(holder);
    const readId = this.nextReadId++;
    this.holders.set(readId, holder);
    return { readId, calls };
  }

  async analyze(readId: number, parts: CaseParts): Promise<CaseAnalysis> {
    const holder = this.holders.get(readId);
    if (!holder) {
      throw new Error(`RCA series read ${readId} is no longer held`);
    }
    if (holder.thread && holder.thread !== this.thread) {
      // Its worker stopped since: the series are read again where the work
      // goes now (the reads of one batch are shared by its RCAs).
      await this.read(holder);
    }
    if (!holder.thread) return this.deps.fallback.analyze(holder.heldId, parts);
    return (await this.call(holder.thread, 'analyze', [
      holder.heldId,
      parts,
    ])) as CaseAnalysis;
  }

  release(readId: number): void {
    const holder = this.holders.get(readId);
    this.holders.delete(readId);
    if (!holder) return;
    if (!holder.thread) {
      this.deps.fallback.release(holder.heldId);
    } else if (holder.thread === this.thread) {
      const call: RcaComputeCall = {
        id: 0,
        method: 'release',
        args: [holder.heldId],
      };
      holder.thread.worker.postMessage(call);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const thread = this.thread;
    this.thread = undefined;
    if (thread) await this.closeThread(thread);
    await this.deps.fallback.close();
  }

  /** Fails the thread's calls, and has the worker close and exit. */
  private async closeThread(thread: Thread) {
    this.rejectAll(thread, CLOSED);
    const call: RcaComputeCall = { id: 0, method: 'close', args: [] };
    const timeoutMs = this.deps.closeTimeoutMs ?? CLOSE_TIMEOUT_MS;
    const code = await closeWorker(thread.worker, call, timeoutMs);
    if (code === 0) return;
    this.deps.logger.warn(
      `The RCA worker thread did not close cleanly (${
        code === undefined
          ? `stopped after ${timeoutMs} ms`
          : `exited with code ${code}`
      })`,
    );
  }

  /** Reads the holder's series where the work goes now; returns the calls. */
  private async read(holder: Holder): Promise<Array<[string, string]>> {
    const thread = this.current();
    const read = thread
      ? ((await this.call(thread, 'readSeries', [
          holder.candidates,
          holder.query,
        ])) as SeriesRead)
      : await this.deps.fallback.readSeries(holder.candidates, holder.query);
    holder.thread = thread;
    holder.heldId = read.readId;
    return read.calls;
  }

  /** The worker thread to use, started if need be; none once they keep failing. */
  private current(): Thread | undefined {
    if (this.closed) throw new Error(CLOSED);
    if (this.thread) return this.thread;
    if (this.failures >= MAX_FAILURES) return undefined;
    let worker: Worker;
    try {
      const workerData: RcaWorkerData = {
        database: this.deps.database,
        role: this.deps.role,
      };
      worker = new Worker(
        // Evaluated, so that the entry may be TypeScript when the backend
        // runs from source (its transform is among the inherited options).
        `require(${JSON.stringify(this.deps.entry)});`,
        {
          eval: true,
          workerData,
          ...(this.deps.execArgv && { execArgv: this.deps.execArgv }),
        },
      );
    } catch (error) {
      this.countFailure(String(error));
      return this.current();
    }
    // A stopping backend does not wait for the RCA.
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (answer: RcaComputeAnswer) => {
      const pending = thread.pending.get(answer.id);
      if (!pending) return;
      thread.pending.delete(answer.id);
      this.failures = 0;
      if ('error' in answer) {
        pending.reject(errorFromWorker(answer.error));
      } else {
        pending.resolve(answer.result);
      }
    });
    const stop = (error: unknown) =>
      this.failed(
        thread,
        error instanceof Error ? error : new Error(String(error)),
      );
    worker.on('error', stop);
    worker.on('messageerror', error => {
      stop(error);
      worker.terminate();
    });
    worker.on('exit', code => stop(new Error(`exited with code ${code}`)));
    this.thread = thread;
    return thread;
  }

  private call(
    thread: Thread,
    method: RcaComputeMethod,
    args: unknown[],
  ): Promise<unknown> {
    const id = this.nextCallId++;
    const timeoutMs = this.deps.callTimeoutMs ?? CALL_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.failed(thread, new Error(`${method} took over ${timeoutMs} ms`));
        thread.worker.terminate();
      }, timeoutMs);
      timer.unref();
      const settle =
        <T>(end: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          thread.pending.delete(id);
          end(value);
        };
      thread.pending.set(id, {
        resolve: settle(resolve),
        reject: settle(reject),
      });
      try {
        const call: RcaComputeCall = { id, method, args };
        thread.worker.postMessage(call);
      } catch (error) {
        thread.pending.get(id)?.reject(error as Error);
      }
    });
  }

  /** A worker ended or failed: its calls fail, the next call starts another. */
  private failed(thread: Thread, error: Error) {
    if (this.thread === thread) {
      this.thread = undefined;
      if (!this.closed) this.countFailure(error.message);
    }
    this.rejectAll(thread, `The RCA worker thread stopped: ${error.message}`);
  }

  private rejectAll(thread: Thread, message: string) {
    for (const pending of [...thread.pending.values()]) {
      pending.reject(new Error(message));
    }
    thread.pending.clear();
  }

  private countFailure(reason: string) {
    this.failures++;
    this.deps.logger.warn(
      `The RCA worker thread stopped (${reason})${
        this.failures >= MAX_FAILURES ? '; RCAs now run on the main thread' : ''
      }`,
    );
  }
}
