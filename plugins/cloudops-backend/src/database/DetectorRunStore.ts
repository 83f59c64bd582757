import {
  DetectorHealth,
  DetectorRun,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** The run history of scheduled detectors, and their health per shard. */
export interface DetectorRunStore {
  /** Appends a run and updates its (detector, shard) health. */
  record(run: Omit<DetectorRun, 'id'>): Promise<DetectorRun>;
  /** The latest state of every (detector, shard) pair. */
  health(options?: { detector?: string }): Promise<DetectorHealth[]>;
  /** Runs, newest first. */
  list(options: {
    detector?: string;
    shard?: string;
    limit: number;
    beforeId?: string;
  }): Promise<DetectorRun[]>;
  /** Deletes runs that started before `before`, except each pair's latest. */
  prune(before: Date): Promise<number>;
}
