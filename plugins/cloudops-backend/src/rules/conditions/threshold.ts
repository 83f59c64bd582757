import { ThresholdCondition } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { comparisonVerdict, finiteValue } from './numbers';
import { SignalCondition } from './types';

/** `type: threshold`: compares each value of the series. */
export function thresholdCondition(
  condition: ThresholdCondition,
  forMs: number,
): SignalCondition {
  return {
    kind: 'signal',
    forMs,
    check({ signal }) {
      const value = finiteValue(signal.value);
      return value === undefined
        ? undefined
        : comparisonVerdict(signal.name, value, condition.op, condition.value);
    },
  };
}
