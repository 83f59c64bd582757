import {
  OpportunityState,
  SavingsObservation,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { HOURS_PER_MONTH } from '@cloudops-ai/backstage-plugin-cloudops-node';

const DAY_MS = 86_400_000;

/** When a changed opportunity is validated, realized or rejected. */
export interface ValidationOptions {
  /** Days of post-change observation with the change in place before it is validated. */
  validateAfterDays: number;
  /** Days of measured savings after validation before it is realized. */
  realizeAfterDays: number;
  /** Days after the merge by which the change must be found in place. */
  applyDeadlineDays: number;
  /** Peak utilisation of the new capacity (0..1) above which the change is a regression. */
  maxPeakUtilization: number;
}

/** What the validation job decides for one opportunity after one observation. */
export interface ValidationDecision {
  /** The window's baseline: what the resource would have cost unchanged. */
  baselineCost: number;
  /** Savings of the window, counted when the change was in place. */
  realized: number;
  /** The window's savings as a monthly rate, when the change was in place. */
  measuredMonthlySavings?: number;
  transition?: { to: OpportunityState; note: string };
}

/**
 * Judges one post-change window of a changed opportunity (pure).
 * `history` are its earlier observations.
 *
 * - merged → validated once the change has been in place for
 *   `validateAfterDays` of observed time without a regression;
 * - merged → rejected when it is still not in place `applyDeadlineDays`
 *   after the merge;
 * - merged or validated → rejected on a regression (peak utilisation of
 *   the new capacity above the limit) or, once validated, a revert;
 * - validated → realized once the measured savings since validation cover
 *   `realizeAfterDays` and add up to more than zero.
 */
export function assessObservation(input: {
  state: OpportunityState;
  /** When it entered its current state. */
  stateChangedAt: Date;
  /** The monthly cost before the change. */
  baselineMonthlyCost: number;
  observation: Pick<
    SavingsObservation,
    'applied' | 'actualCost' | 'peakUtilization'
  > & { windowStart: Date; windowEnd: Date };
  history: Array<
    Pick<
      SavingsObservation,
      'applied' | 'savings' | 'windowStart' | 'windowEnd'
    >
  >;
  options: ValidationOptions;
}): ValidationDecision {
  const { observation: o, options, state } = input;
  const hours = (o.windowEnd.getTime() - o.windowStart.getTime()) / 3_600_000;
  const baselineCost = (input.baselineMonthlyCost * hours) / HOURS_PER_MONTH;
  const savings = baselineCost - o.actualCost;
  const decision: ValidationDecision = {
    baselineCost,
    realized: o.applied ? savings : 0,
    measuredMonthlySavings:
      o.applied && hours > 0 ? (savings / hours) * HOURS_PER_MONTH : undefined,
  };

  const regression =
    o.applied &&
    o.peakUtilization !== undefined &&
    o.peakUtilization > options.maxPeakUtilization;
  if (regression) {
    decision.transition = {
      to: 'rejected',
      note: `Regression: peak utilisation after the change was ${Math.round(
        o.peakUtilization! * 100,
      )}% of the new capacity (limit ${Math.round(
        options.maxPeakUtilization * 100,
      )}%)`,
    };
    return decision;
  }

  const since = input.stateChangedAt.getTime();
  const windows = [
    ...input.history,
    {
      applied: o.applied,
      savings,
      windowStart: o.windowStart.toISOString(),
      windowEnd: o.windowEnd.toISOString(),
    },
  ].filter(w => Date.parse(w.windowEnd) > since);
  const appliedDays =
    windows
      .filter(w => w.applied)
      .reduce(
        (s, w) =>
          s +
          Date.parse(w.windowEnd) -
          Math.max(since, Date.parse(w.windowStart)),
        0,
      ) / DAY_MS;

  if (state === 'merged') {
    if (o.applied && appliedDays >= options.validateAfterDays) {
      decision.transition = {
        to: 'validated',
        note: `In place for ${appliedDays.toFixed(
          1,
        )} days after the merge with no regression; measured savings ${savings.toFixed(
          2,
        )} over the last window`,
      };
    } else if (
      !o.applied &&
      o.windowEnd.getTime() - since >= options.applyDeadlineDays * DAY_MS
    ) {
      decision.transition = {
        to: 'rejected',
        note: `The change was not found in place ${options.applyDeadlineDays} days after the merge`,
      };
    }
  } else if (state === 'validated') {
    if (!o.applied) {
      decision.transition = {
        to: 'rejected',
        note: 'The change was reverted after validation',
      };
    } else if (appliedDays >= options.realizeAfterDays) {
      const total = windows
        .filter(w => w.applied)
        .reduce((s, w) => s + w.savings, 0);
      if (total > 0) {
        decision.transition = {
          to: 'realized',
          note: `Measured savings of ${total.toFixed(
            2,
          )} over ${appliedDays.toFixed(1)} days since validation`,
        };
      }
    }
  }
  return decision;
}
