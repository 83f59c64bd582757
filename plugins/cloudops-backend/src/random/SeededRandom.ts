import { RandomGenerator, unsafeSkipN, xoroshiro128plus } from 'pure-rand';

/** The first outputs from a small seed are poorly mixed: skip them. */
const WARM_UP = 64;

/**
 * Reproducible uniform numbers in [0, 1) from pure-rand's xoroshiro128+, with
 * a state that serialises to a few integers.
 */
export class SeededRandom {
  static fromSeed(seed: number): SeededRandom {
    const generator = xoroshiro128plus(seed);
    unsafeSkipN(generator, WARM_UP);
    return new SeededRandom(generator);
  }

  static fromState(state: readonly number[]): SeededRandom {
    return new SeededRandom(xoroshiro128plus.fromState(state));
  }

  private constructor(private readonly generator: RandomGenerator) {}

  /** Uniform in [0, 1). */
  next(): number {
    return (this.generator.unsafeNext() >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** Standard normal (Box–Muller). */
  gaussian(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  state(): number[] {
    return [...this.generator.getState!()];
  }
}
