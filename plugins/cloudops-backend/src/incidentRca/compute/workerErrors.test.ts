import { errorData, errorFromWorker } from './workerErrors';

/** What crosses the thread: the data, through postMessage's clone. */
const across = (error: unknown) =>
  errorFromWorker(structuredClone(errorData(error)));

function failInWorker(): never {
  const cause = new RangeError('no point before the fault');
  throw new TypeError('series cannot be shaped', { cause });
}

describe('workerErrors', () => {
  it('keeps the name, message and the worker-side stack after this thread’s frames', () => {
    let thrown: Error | undefined;
    try {
      failInWorker();
    } catch (error) {
      thrown = error as Error;
    }
    const rebuilt = across(thrown);

    expect(rebuilt).toBeInstanceOf(Error);
    expect(rebuilt.name).toBe('TypeError');
    expect(rebuilt.message).toBe('series cannot be shaped');
    const [own, worker] = rebuilt.stack!.split('\n    [in RCA worker] ');
    expect(own).toMatch(/^TypeError: series cannot be shaped\n\s+at /);
    expect(own).toContain('workerErrors.test.ts');
    expect(worker).toBe(thrown!.stack);
    expect(worker).toMatch(/\n\s+at failInWorker /);
  });

  it('keeps the chain of causes, each with its stack', () => {
    let thrown: unknown;
    try {
      failInWorker();
    } catch (error) {
      thrown = error;
    }
    const cause = across(thrown).cause as Error;

    expect(cause).toBeInstanceOf(Error);
    expect(cause.name).toBe('RangeError');
    expect(cause.message).toBe('no point before the fault');
    expect(cause.stack).toMatch(
      /\n {4}\[in RCA worker\] RangeError: no point before the fault\n\s+at failInWorker /,
    );
    expect(cause.cause).toBeUndefined();
  });

  it('cuts a long or circular chain of causes', () => {
    const first = new Error('first');
    let last = first;
    for (let i = 0; i < 10; i++) {
      const next = new Error(`cause ${i}`);
      last.cause = next;
      last = next;
    }
    last.cause = first;

    const messages: string[] = [];
    for (let e: unknown = across(first); e instanceof Error; e = e.cause) {
      messages.push(e.message);
    }
    expect(messages).toEqual([
      'first',
      'cause 0',
      'cause 1',
      'cause 2',
      'cause 3',
      'cause 4',
    ]);
  });

  it('takes thrown values that are not errors, and causes that are not', () => {
    expect(errorData('a string')).toEqual({
      name: 'Error',
      message: 'a string',
    });
    const rebuilt = across(new Error('outer', { cause: 42 }));
    const cause = rebuilt.cause as Error;
    expect(cause.message).toBe('42');
    // No worker stack to add.
    expect(cause.stack).not.toContain('[in RCA worker]');
  });
});
