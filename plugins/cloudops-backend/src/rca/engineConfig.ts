import { RcaSeriesKind } from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * The RCA engine's settings. There is one configuration for every dataset
 * and for live incidents; these values were chosen from first principles
 * (documented beside each), not fitted per dataset.
 */
export interface RcaEngineConfig {
  /** A series needs this many points before the fault to have a baseline. */
  minBaselinePoints: number;
  /** The baseline scale is at least this share of the baseline level. */
  relativeFloor: number;
  /**
   * A flat baseline (spread 0) gets a scale of this share of the largest
   * excursion after the fault, so such a series counts at most 1/this.
   */
  excursionFloor: 0.05;
  /**
   * A change of more than this many times the baseline level counts as
   * this many (a series that was at 0 counts as this).
   */
  maxRelativeChange: number;
  /** A deviation beyond this many scale units counts as a move. */
  moveThreshold: number;
  /**
   * A move must last this long to count at its full size: a series' size
   * is the deviation it held for at least this long (a lone spike counts
   * less).
   */
  sustainSeconds: number;
  /** Weight of each kind of series as evidence of a root cause. */
  kindWeights: Record<RcaSeriesKind, number>;
  /** Weight of a move in the harmless direction (CPU falling, availability rising). */
  benignDirectionWeight: number;
  /** Weight of a service's second-strongest independent evidence. */
  corroborationWeight: number;
  /**
   * How much of a service's score is taken away when a service it depends
   * on moved at least as much, no later: its moves are then more likely
   * propagated than its own. A dependency that moved less takes away this
   * times the square of its share (moved half as much: a quarter of it): a
   * much weaker move downstream hardly explains a strong one here.
   */
  propagationDiscount: number;
  /** Moves this many seconds apart count as simultaneous. */
  onsetToleranceSeconds: number;
  /** Bonus per share of a service's callers that moved after it did. */
  callerSupport: number;
  /** Changes (deployments, config) this long before the fault count. */
  changeWindowSeconds: number;
  /** Score multiplier for a service changed within the window. */
  changeBoost: number;
  /** The score a change alone gives a service none of whose series moved. */
  changeOnlyScore: number;
  /** Raw scores map to 0..1 as raw / (raw + this). */
  scoreHalfPoint: number;
}

/** The configuration the engine runs with everywhere. */
export const RCA_ENGINE_CONFIG: RcaEngineConfig = {
  minBaselinePoints: 3,
  // 1 % of the level: noise below that is measurement jitter (GC, rounding).
  relativeFloor: 0.01,
  // No series counts more than 20 scale units.
  excursionFloor: 0.05,
  maxRelativeChange: 100,
  moveThreshold: 3,
  sustainSeconds: 120,
  kindWeights: {
    // Resource signals sit at the cause; user-facing ones propagate to callers.
    cpu: 1,
    memory: 1,
    saturation: 1,
    errors: 0.9,
    availability: 0.9,
    latency: 0.8,
    traffic: 0.7,
    other: 0.6,
  },
  benignDirectionWeight: 0.5,
  corroborationWeight: 0.25,
  propagationDiscount: 0.5,
  onsetToleranceSeconds: 0,
  callerSupport: 0.2,
  changeWindowSeconds: 3600,
  changeBoost: 1.25,
  changeOnlyScore: 0.5,
  scoreHalfPoint: 3,
};
