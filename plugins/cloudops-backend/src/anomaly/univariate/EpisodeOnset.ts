/** Serialisable state of an {@link EpisodeOnset}. */
export interface EpisodeOnsetState {
  /** Points since the last onset (Infinity before the first). */
  sinceOnset: number;
}

/**
 * Keeps only the onset of an anomalous episode. A score at or above `alarm`
 * starts an episode; for the next `quiet` points scores are capped at
 * `settled`, so one episode is one detection, the way the rule engine raises
 * one alert per episode. NAB counts every point above its threshold as a
 * separate detection (false positives outside a window each cost), so the
 * benchmark scores the onsets.
 */
export class EpisodeOnset {
  static initial(): EpisodeOnsetState {
    return { sinceOnset: Number.POSITIVE_INFINITY };
  }

  constructor(
    private readonly state: EpisodeOnsetState,
    private readonly options: { alarm: number; settled: number; quiet: number },
  ) {}

  filter(score: number): number {
    const { state, options } = this;
    state.sinceOnset += 1;
    if (state.sinceOnset <= options.quiet) {
      return Math.min(score, options.settled);
    }
    if (score >= options.alarm) {
      state.sinceOnset = 0;
    }
    return score;
  }
}
