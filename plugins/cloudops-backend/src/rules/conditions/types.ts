import { Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SeriesState } from '../RuleEvaluationState';

/** Whether a condition holds for one signal, and why, in words. */
export interface Verdict {
  holds: boolean;
  reason: string;
}

/** One signal of a series, as a condition sees it. */
export interface Observation {
  signal: Signal;
  /** Epoch milliseconds of the signal. */
  timestamp: number;
  /** The series' state under this rule. */
  series: SeriesState;
  /** Identifies the series under this rule for detectors. */
  seriesId: string;
}

/**
 * A condition decided by each signal of a series. Without a verdict (no
 * usable value, a detector in cold start) the signal changes nothing.
 */
export interface SignalCondition {
  kind: 'signal';
  /** How long the condition must hold before the rule fires. */
  forMs: number;
  check(
    observation: Observation,
  ): Verdict | undefined | Promise<Verdict | undefined>;
}

/** A condition decided by time passing without signals. */
export interface AbsenceCondition {
  kind: 'absent';
  /** Whether the series has been silent long enough to fire. */
  isDue(series: SeriesState, nowMs: number): boolean;
  firingReason(name: string, series: SeriesState): string;
  resolvedReason(name: string): string;
}

/** A rule's condition, ready to evaluate. */
export type CompiledCondition = SignalCondition | AbsenceCondition;
