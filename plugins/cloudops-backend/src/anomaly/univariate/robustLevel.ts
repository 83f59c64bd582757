/**
 * An exponentially weighted location and scale that outliers cannot drag:
 * each update moves at most `clip` scales (a Huber-type step), so a spike
 * shifts the level by a bounded amount while a lasting shift is followed.
 */
export interface RobustLevel {
  level: number;
  /** Mean absolute deviation, exponentially weighted. */
  scale: number;
  count: number;
}

/** A new estimate seeded with the first value. */
export function robustLevel(first: number): RobustLevel {
  return { level: first, scale: 0, count: 1 };
}

/**
 * The smallest scale used when dividing by it: a constant series would
 * otherwise have none, and any change would be infinitely surprising.
 */
export function scaleFloor(level: number): number {
  return 1e-3 * Math.abs(level) + 1e-9;
}

/** The scale to divide by: the estimate, never below the floor. */
export function effectiveScale(estimate: RobustLevel): number {
  return Math.max(estimate.scale, scaleFloor(estimate.level));
}

/** Steps are clipped at 12 scales for the level, deviations at 4 for the scale. */
const LEVEL_CLIP = 12;
const SCALE_CLIP = 4;
/** The first values are followed without clipping so that a scale can form. */
const EXACT_UNTIL = 20;

/** Moves the estimate towards `value` at `rate` (0..1). */
export function updateRobustLevel(
  estimate: RobustLevel,
  value: number,
  rate: number,
): void {
  const scale = effectiveScale(estimate);
  const error = value - estimate.level;
  const limit = LEVEL_CLIP * scale;
  estimate.level +=
    rate *
    (estimate.count < EXACT_UNTIL
      ? error
      : Math.max(-limit, Math.min(limit, error)));
  estimate.scale +=
    rate * (Math.min(Math.abs(error), SCALE_CLIP * scale) - estimate.scale);
  estimate.count += 1;
}
