import { RcaFaultKind } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SeriesMove } from './seriesMove';

/** A drop to within this share of zero means the thing stopped. */
const STOPPED = 0.2;

/**
 * The suspected fault behind a service's strongest move: its kind when it
 * moved the harmful way; `availability` when throughput, CPU or
 * availability fell close to zero (the service stopped serving); `unknown`
 * for other moves in the harmless direction or no move at all.
 */
export function faultKindOf(move: SeriesMove | undefined): RcaFaultKind {
  if (!move) return 'unknown';
  const { kind } = move.series.source;
  if (move.direction === 'drop') {
    const stopped =
      move.baseline > 0 && Math.abs(move.peak) <= STOPPED * move.baseline;
    if (kind === 'availability') return 'availability';
    if (stopped && ['traffic', 'cpu', 'memory'].includes(kind)) {
      return 'availability';
    }
    if (kind === 'traffic' || kind === 'other') return kind;
    return 'unknown';
  }
  return kind === 'availability' ? 'unknown' : kind;
}
