/**
 * How one run of a detector over one shard ended.
 *
 * @public
 */
export const DETECTOR_RUN_OUTCOMES = ['succeeded', 'failed'] as const;

/** @public */
export type DetectorRunOutcome = (typeof DETECTOR_RUN_OUTCOMES)[number];

/**
 * One run of a scheduled detector (a pull source, a waste detector) over one
 * shard of its work: an AWS account, a cluster, or `default` for work that is
 * not sharded. Discovery of the shards themselves is recorded as shard `*`.
 *
 * @public
 */
export interface DetectorRun {
  id: string;
  detector: string;
  shard: string;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  /** What the run produced: signals, opportunities. */
  items: number;
  outcome: DetectorRunOutcome;
  error?: string;
}

/**
 * The latest state of one detector on one shard, for the detector-health
 * view.
 *
 * @public
 */
export interface DetectorHealth {
  detector: string;
  shard: string;
  lastRun: DetectorRun;
  /** ISO 8601; absent when no run has succeeded yet. */
  lastSuccessAt?: string;
  /** Failed runs since the last success. */
  consecutiveFailures: number;
}
