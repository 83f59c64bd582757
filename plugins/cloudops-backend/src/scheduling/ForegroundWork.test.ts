import { setImmediate } from 'node:timers/promises';
import { ForegroundWork } from './ForegroundWork';

/** Records in `order` when `idle` resolves. */
function watch(promise: Promise<void>, order: string[]) {
  return promise.then(() => order.push('idle'));
}

describe('ForegroundWork', () => {
  it('resolves after a turn of the event loop when nothing runs', async () => {
    const work = new ForegroundWork();
    const order: string[] = [];
    const idle = watch(work.idle(), order);
    // Not within the current turn's microtasks: I/O gets its turn first.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(order).toEqual([]);
    await idle;
    expect(order).toEqual(['idle']);
  });

  it('waits while work runs and for a turn after it ends', async () => {
    const work = new ForegroundWork();
    const order: string[] = [];
    const end = work.start();
    const idle = watch(work.idle(10_000), order);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    end();
    end(); // ending twice counts once
    order.push('ended');
    await idle;
    expect(order).toEqual(['ended', 'idle']);
  });

  it('keeps waiting when work starts again in the turn after it ended', async () => {
    const work = new ForegroundWork();
    const order: string[] = [];
    const first = work.start();
    const idle = watch(work.idle(10_000), order);
    await setImmediate();
    first();
    // A request that was waiting starts its work in the same turn.
    const second = work.start();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    second();
    await idle;
    expect(order).toEqual(['idle']);
  });

  it('stops waiting after the longest wait, so background work progresses', async () => {
    const work = new ForegroundWork();
    work.start();
    const started = Date.now();
    await work.idle(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
