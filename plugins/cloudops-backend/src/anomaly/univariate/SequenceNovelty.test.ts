import { SeededRandom } from '../../random/SeededRandom';
import { SequenceNovelty } from './SequenceNovelty';

/** A rhythm of six values with a little noise. */
function rhythm(count: number, seed = 1): number[] {
  const random = SeededRandom.fromSeed(seed);
  const shape = [10, 20, 40, 30, 20, 10];
  return Array.from(
    { length: count },
    (_, i) => shape[i % shape.length] + 0.2 * random.gaussian(),
  );
}

function feed(novelty: SequenceNovelty, values: number[]) {
  return values.map(v => novelty.update(v));
}

describe('SequenceNovelty', () => {
  it('gives no tail while it learns the range and settles', () => {
    const novelty = new SequenceNovelty(SequenceNovelty.initial());
    const tails = feed(novelty, rhythm(350));
    expect(tails.slice(0, 350).every(t => t === undefined)).toBe(true);
    expect(novelty.update(20)).toBeDefined();
  });

  it('finds nothing new in a rhythm it knows, and a break in it very unlikely', () => {
    const novelty = new SequenceNovelty(SequenceNovelty.initial());
    const tails = feed(novelty, rhythm(2000)).slice(1000);
    expect(Math.min(...tails.map(t => t ?? 1))).toBeGreaterThan(0.01);
    // the same values in a new order
    const broken = feed(novelty, [40, 10, 30, 10, 40, 20, 10, 40, 30, 40]);
    expect(Math.min(...broken.map(t => t ?? 1))).toBeLessThan(1e-4);
  });

  it('handles a constant series, and finds the first change in it', () => {
    const novelty = new SequenceNovelty(SequenceNovelty.initial());
    const tails = feed(novelty, new Array(600).fill(7));
    expect(tails.slice(400).every(t => t === 1)).toBe(true);
    const changed = feed(novelty, [9, 9, 9]);
    expect(Math.min(...changed.map(t => t ?? 1))).toBeLessThan(0.01);
  });

  it('measures the mean step between the first values, then keeps no previous value', () => {
    const state = SequenceNovelty.initial();
    const novelty = new SequenceNovelty(state);
    feed(
      novelty,
      Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? 5 : 8)),
    );
    expect(state.step).toBeCloseTo(3, 10);
    expect(state.previous).toBeUndefined();
  });

  it('makes few new patterns of point-to-point noise, and still finds a shift', () => {
    const random = SeededRandom.fromSeed(11);
    const state = SequenceNovelty.initial();
    const novelty = new SequenceNovelty(state);
    feed(
      novelty,
      Array.from({ length: 6000 }, () => 50 + random.gaussian()),
    );
    // Levels a fifth of the first range wide (about one standard deviation)
    // would make new patterns at 6% of the points.
    expect(state.rate).toBeLessThan(0.03);
    const shifted = feed(
      novelty,
      Array.from({ length: 10 }, () => 56 + random.gaussian()),
    );
    expect(Math.min(...shifted.map(t => t ?? 1))).toBeLessThan(1e-4);
  });

  it('continues a state saved before the step was measured', () => {
    const values = rhythm(1100, 4);
    const state = SequenceNovelty.initial();
    feed(new SequenceNovelty(state), values.slice(0, 500));
    delete state.step;
    const restored = new SequenceNovelty(JSON.parse(JSON.stringify(state)));
    const tails = feed(restored, values.slice(500));
    expect(Math.min(...tails.slice(300).map(t => t ?? 0))).toBeGreaterThan(
      0.01,
    );
    const broken = feed(restored, [40, 10, 30, 10, 40, 20, 10, 40, 30, 40]);
    expect(Math.min(...broken.map(t => t ?? 1))).toBeLessThan(1e-4);
  });

  it('keeps its memory bounded on a series that never repeats itself', () => {
    const state = SequenceNovelty.initial();
    const novelty = new SequenceNovelty(state);
    const random = SeededRandom.fromSeed(5);
    for (let i = 0; i < 20000; i++) novelty.update(100 * random.next());
    expect(state.size).toBeLessThanOrEqual(1024);
    expect(Object.keys(state.patterns)).toHaveLength(state.size);
  });

  it('continues identically from its JSON state', () => {
    const values = rhythm(800, 3);
    const state = SequenceNovelty.initial();
    const original = new SequenceNovelty(state);
    feed(original, values.slice(0, 500));
    const restored = new SequenceNovelty(JSON.parse(JSON.stringify(state)));
    expect(feed(restored, values.slice(500))).toEqual(
      feed(original, values.slice(500)),
    );
  });
});
