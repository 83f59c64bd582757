import { RateCondition } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { comparisonVerdict, finiteValue } from './numbers';
import { SignalCondition } from './types';

/**
 * `type: rate`: compares the change from the previous point of the series,
 * divided by the time between them and scaled to `per`, so that irregularly
 * spaced points give comparable rates. The first point, and points not later
 * than the previous one, give no verdict.
 */
export function rateCondition(
  condition: RateCondition,
  options: { forMs: number; perMs: number },
): SignalCondition {
  return {
    kind: 'signal',
    forMs: options.forMs,
    check({ signal, timestamp, series }) {
      const value = finiteValue(signal.value);
      const { lastValue, lastTimestamp } = series;
      if (
        value === undefined ||
        (lastTimestamp !== undefined && timestamp <= lastTimestamp)
      ) {
        return undefined;
      }
      series.lastValue = value;
      series.lastTimestamp = timestamp;
      if (lastValue === undefined || lastTimestamp === undefined) {
        return undefined;
      }
      const rate =
        ((value - lastValue) / (timestamp - lastTimestamp)) * options.perMs;
      return comparisonVerdict(
        `${signal.name} change per ${condition.per}`,
        rate,
        condition.op,
        condition.value,
      );
    },
  };
}
