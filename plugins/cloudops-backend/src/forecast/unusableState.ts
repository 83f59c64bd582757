import { SEASONS } from '../anomaly/univariate/seasons';
import type { HoltWintersState } from './HoltWinters';

const NUMBERS = [
  'count',
  'firstTimestamp',
  'lastTimestamp',
  'interval',
  'level',
  'trend',
  'dailyMean',
  'errorVariance',
] as const;

/**
 * Why a (saved) forecaster state cannot be used, if it cannot: a number that
 * is not finite (JSON saves NaN and ±∞ as null) or a season of another size.
 */
export function unusableState(state: HoltWintersState): string | undefined {
  const field = NUMBERS.find(name => !Number.isFinite(state[name]));
  if (field) {
    return `${field} is ${String(state[field])}`;
  }
  const { buckets } = SEASONS.daily;
  if (!Array.isArray(state.season) || state.season.length !== buckets) {
    return `season is not ${buckets} buckets`;
  }
  const bucket = state.season.findIndex(offset => !Number.isFinite(offset));
  return bucket < 0
    ? undefined
    : `season bucket ${bucket} is ${String(state.season[bucket])}`;
}
