import jStat from 'jstat';
import { scaleFloor } from './robustLevel';

/** Serialisable state of a {@link SequenceNovelty}: plain JSON, bounded. */
export interface SequenceNoveltyState {
  /** Points seen. */
  seen: number;
  /** The range of the first RANGE_POINTS values: the quantiser's scale. */
  low: number;
  high: number;
  /**
   * The mean absolute step between consecutive values among the first
   * RANGE_POINTS, and the last of them (while it is measured). Absent in
   * states saved before it existed: no floor on the level width then.
   */
  step?: number;
  previous?: number;
  /** The last ORDER + 1 levels, oldest first. */
  recent: number[];
  /** Each known pattern (encoded levels) and the point it was last seen at. */
  patterns: Record<string, number>;
  size: number;
  /** Whether each of the last WINDOW points completed a new pattern (1) or not (0). */
  novel: number[];
  /** Exponentially weighted share of points completing a new pattern. */
  rate: number;
  scored: number;
}

/** The quantiser's range is that of the first values (the detector's warm-up). */
const RANGE_POINTS = 250;
/** Levels across that range; values beyond it get up to four more on each side. */
const LEVELS = 6;
/**
 * A level is at least this many times as wide as the mean step between
 * consecutive values among the first RANGE_POINTS.
 */
const MIN_WIDTH_STEPS = 1.5;
const OUTSIDE = 4;
const CODES = 16;
/** A pattern is this many levels followed by the next one. */
const ORDER = 3;
/** New patterns are counted over the last ten points. */
const WINDOW = 10;
/** The rate of new patterns weighs about the last 2,000 points. */
const RATE_HORIZON = 2000;
/** Points scored before tails are given: the memory fills first. */
const SETTLE = 100;
/** A floor on the rate, so that a series that repeats itself exactly is not infinitely sensitive. */
const MIN_RATE = 1e-3;
/** Patterns kept (about 15 kB of JSON); beyond that the least recently seen half is forgotten. */
const MAX_PATTERNS = 1024;

/**
 * Contextual novelty, after the idea of CAD OSE (Smirnov 2016) and of
 * sequence memories: values are quantised into a few levels over the range of
 * the series' first points, each level at least one and a half times their
 * mean step wide (so that point-to-point noise makes few new patterns: on
 * white noise, a third as many as with levels a fifth of the range wide), and
 * each point completes a pattern of the last four levels. A pattern never
 * seen before is novel. Normal behaviour, even irregular, keeps repeating
 * patterns it has shown; an anomaly (a new shape, a new level, a break in a
 * rhythm) makes several new ones in a row. The tail
 * is the binomial probability of at least that many new patterns in the last
 * ten points given the series' own rate of new patterns. Memory is bounded
 * (1,024 patterns, the least recently seen forgotten first); amortised O(1) per
 * point.
 */
export class SequenceNovelty {
  static initial(): SequenceNoveltyState {
    return {
      seen: 0,
      low: Number.POSITIVE_INFINITY,
      high: Number.NEGATIVE_INFINITY,
      step: 0,
      recent: [],
      patterns: {},
      size: 0,
      novel: [],
      rate: 0,
      scored: 0,
    };
  }

  constructor(private readonly state: SequenceNoveltyState) {}

  /**
   * The tail probability of the recent new patterns (undefined until the
   * range is known and the memory has settled), then learns the point.
   */
  update(value: number): number | undefined {
    const { state } = this;
    state.seen += 1;
    if (state.seen <= RANGE_POINTS) {
      state.low = Math.min(state.low, value);
      state.high = Math.max(state.high, value);
      if (state.previous !== undefined) {
        const step = Math.abs(value - state.previous);
        state.step =
          (state.step ?? 0) + (step - (state.step ?? 0)) / (state.seen - 1);
      }
      state.previous = state.seen < RANGE_POINTS ? value : undefined;
    }
    state.recent.push(this.level(value));
    if (state.recent.length <= ORDER) {
      return undefined;
    }
    if (state.recent.length > ORDER + 1) state.recent.shift();
    const isNew = this.remember(
      state.recent.reduce((k, l) => k * CODES + l, 0),
    );
    if (state.seen <= RANGE_POINTS) {
      return undefined;
    }
    state.novel.push(isNew ? 1 : 0);
    if (state.novel.length > WINDOW) state.novel.shift();
    state.scored += 1;
    const tail =
      state.scored <= SETTLE ? undefined : this.tail(state.novel, state.rate);
    state.rate +=
      Math.max(1 / state.scored, 1 / RATE_HORIZON) *
      ((isNew ? 1 : 0) - state.rate);
    return tail;
  }

  /** P(at least this many new patterns in the window) at the given rate. */
  private tail(novel: number[], rate: number): number {
    const count = novel.reduce((sum, n) => sum + n, 0);
    if (count === 0) {
      return 1;
    }
    const p = Math.max(rate, MIN_RATE);
    const below = jStat.binomial.cdf(count - 1, novel.length, p);
    return Math.max(0, Math.min(1, 1 - below));
  }

  private level(value: number): number {
    const { low, high, step = 0 } = this.state;
    const width = Math.max(
      (high - low) / (LEVELS - 1),
      MIN_WIDTH_STEPS * step,
      scaleFloor(low),
    );
    const level = Math.round((value - low) / width);
    return Math.max(-OUTSIDE, Math.min(LEVELS - 1 + OUTSIDE, level)) + OUTSIDE;
  }

  /** Records the pattern as seen now; whether it was new. */
  private remember(key: number): boolean {
    const { state } = this;
    const isNew = state.patterns[key] === undefined;
    if (isNew) state.size += 1;
    state.patterns[key] = state.seen;
    if (state.size > MAX_PATTERNS) {
      const byAge = Object.entries(state.patterns).sort((a, b) => a[1] - b[1]);
      for (const [old] of byAge.slice(0, byAge.length / 2)) {
        delete state.patterns[old];
      }
      state.size = Object.keys(state.patterns).length;
    }
    return isNew;
  }
}
