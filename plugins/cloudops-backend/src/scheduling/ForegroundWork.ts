import { setImmediate } from 'node:timers/promises';

/**
 * How long background work waits for the foreground at most, per step: an
 * RCA step takes some tens of milliseconds, so under constant load the RCA
 * takes about a tenth of the thread and still progresses.
 */
const MAX_WAIT_MS = 250;

/**
 * Work on this replica's thread that background work gives way to: while a
 * signal batch waits for or runs its transaction, the RCA does not start its
 * next step (each step holds the thread, since SQLite answers
 * synchronously). Background work waits for the foreground to be idle, but
 * for a bounded time, so that it still progresses under constant load.
 */
export class ForegroundWork {
  private active = 0;
  /** Each waiter's wake-up, with the timer that ends its wait. */
  private readonly waiters = new Map<() => void, NodeJS.Timeout>();

  /** Marks foreground work as started; the returned function ends it (once). */
  start(): () => void {
    this.active++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.active--;
      if (this.active === 0) this.wakeWhenStillIdle();
    };
  }

  /**
   * Resolves once no foreground work runs, or after `maxWaitMs`. It always
   * gives the event loop a turn first, so requests that have arrived are
   * read (and start their foreground work) before it resolves.
   */
  async idle(maxWaitMs = MAX_WAIT_MS): Promise<void> {
    await setImmediate();
    if (this.active === 0) return;
    await new Promise<void>(resolve => {
      const done = () => {
        clearTimeout(this.waiters.get(done));
        this.waiters.delete(done);
        resolve();
      };
      // Unreferenced: a wait never keeps a stopping process alive.
      this.waiters.set(done, setTimeout(done, maxWaitMs).unref());
    });
  }

  /**
   * Wakes the waiters after a turn of the event loop, unless foreground work
   * started again in that turn (a request that arrived meanwhile).
   */
  private wakeWhenStillIdle() {
    if (this.waiters.size === 0) return;
    setImmediate().then(() => {
      if (this.active > 0) return;
      for (const done of [...this.waiters.keys()]) done();
    });
  }
}
