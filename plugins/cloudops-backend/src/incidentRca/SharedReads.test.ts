import { SharedReads } from './SharedReads';

describe('SharedReads', () => {
  it('loads once per key and shares the result', async () => {
    const reads = new SharedReads();
    const load = jest.fn(async () => ({ rows: 3 }));
    const first = reads.read(['metrics', ['a', 'b'], { step: 15 }], load);
    const again = reads.read(['metrics', ['a', 'b'], { step: 15 }], load);
    const other = reads.read(['metrics', ['a'], { step: 15 }], load);
    expect(await again).toBe(await first);
    expect(await other).toEqual({ rows: 3 });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares a failure with those already waiting, then reads again', async () => {
    const reads = new SharedReads();
    const failing = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('database busy'))
      .mockResolvedValue('rows');
    const first = reads.read(['x'], failing);
    const waiting = reads.read(['x'], failing);
    await expect(first).rejects.toThrow('database busy');
    await expect(waiting).rejects.toThrow('database busy');
    await expect(reads.read(['x'], failing)).resolves.toBe('rows');
    await expect(reads.read(['x'], failing)).resolves.toBe('rows');
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('releases each read once when closed, a late one when it completes', async () => {
    const reads = new SharedReads();
    const released: string[] = [];
    const release = (value: string) => released.push(value);
    await reads.read(['a'], async () => 'a', release);
    await reads.read(['a'], async () => 'again', release);
    let finish!: (value: string) => void;
    const late = reads.read(
      ['b'],
      () => new Promise<string>(resolve => (finish = resolve)),
      release,
    );
    reads.close();
    expect(released).toEqual(['a']);
    finish('b');
    await late;
    expect(released).toEqual(['a', 'b']);
    reads.close();
    expect(released).toEqual(['a', 'b']);
  });
});
