import { SeriesState } from './RuleEvaluationState';

/**
 * Moves a series on by one verdict of its condition. It fires once the
 * condition has held without a break for `forMs`, and a firing series
 * resolves as soon as the condition no longer holds; a break while pending
 * starts the wait over.
 *
 * @returns the transition, or undefined when the series stays as it was
 */
export function advance(
  series: SeriesState,
  holds: boolean,
  timestamp: number,
  forMs: number,
): 'firing' | 'resolved' | undefined {
  if (!holds) {
    series.pendingSince = undefined;
    if (series.firing) {
      series.firing = false;
      return 'resolved';
    }
    return undefined;
  }
  if (series.firing) {
    return undefined;
  }
  series.pendingSince ??= timestamp;
  if (timestamp - series.pendingSince >= forMs) {
    series.firing = true;
    series.pendingSince = undefined;
    return 'firing';
  }
  return undefined;
}
