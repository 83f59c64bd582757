import { SharedReads } from './SharedReads';

describe('SharedReads', () => {
  it('loads once per key and shares the result, failures included', async () => {
    const reads = new SharedReads();
    const load = jest.fn(async () => ({ rows: 3 }));
    const first = reads.read(['metrics', ['a', 'b'], { step: 15 }], load);
    const again = reads.read(['metrics', ['a', 'b'], { step: 15 }], load);
    const other = reads.read(['metrics', ['a'], { step: 15 }], load);
    expect(await again).toBe(await first);
    expect(await other).toEqual({ rows: 3 });
    expect(load).toHaveBeenCalledTimes(2);

    const failing = jest.fn(async () => {
      throw new Error('database gone');
    });
    await expect(reads.read(['x'], failing)).rejects.toThrow('database gone');
    await expect(reads.read(['x'], failing)).rejects.toThrow('database gone');
    expect(failing).toHaveBeenCalledTimes(1);
  });
});
