import { AbsentCondition } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { AbsenceCondition } from './types';

/**
 * `type: absent`: a series that was seen fires when nothing arrives for `for`
 * (checked on tick), and resolves on its next signal.
 */
export function absentCondition(
  condition: AbsentCondition,
  forMs: number,
): AbsenceCondition {
  return {
    kind: 'absent',
    isDue: (series, nowMs) =>
      !series.firing && nowMs - series.lastSeen >= forMs,
    firingReason: (name, series) =>
      `no ${name} signal for ${condition.for} (last at ${new Date(
        series.lastSeen,
      ).toISOString()})`,
    resolvedReason: name => `${name} signal received again`,
  };
}
