import { AnomalyCondition } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  AnomalyDetector,
  AnomalyVerdict,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { isWithheld } from '../../detectors/withheldVerdict';
import { comparisonVerdict, finiteValue, formatNumber } from './numbers';
import { Observation, SignalCondition, Verdict } from './types';

async function score(
  detector: AnomalyDetector | undefined,
  { seriesId, timestamp }: Observation,
  value: number,
): Promise<AnomalyVerdict> {
  if (!detector) {
    return { ready: false, reason: 'no anomaly detector configured' };
  }
  try {
    return await detector.score(seriesId, { timestamp, value });
  } catch (error) {
    return {
      ready: false,
      reason: `anomaly detector failed: ${(error as Error).message}`,
    };
  }
}

/**
 * `type: anomaly`: fires on points the detector scores at or above `score`.
 * While the detector is not ready (cold start, not configured, failing) the
 * fallback threshold decides; without one there is no verdict. A verdict the
 * detector withholds (its state is loading, the point repeats one it learned
 * from) is no verdict either: the fallback is for series without history.
 */
export function anomalyCondition(
  condition: AnomalyCondition,
  options: { forMs: number; detector?: AnomalyDetector },
): SignalCondition {
  return {
    kind: 'signal',
    forMs: options.forMs,
    async check(observation): Promise<Verdict | undefined> {
      const { signal } = observation;
      const value = finiteValue(signal.value);
      if (value === undefined) {
        return undefined;
      }
      const verdict = await score(options.detector, observation, value);
      if (verdict.ready) {
        const holds = verdict.score >= condition.score;
        return {
          holds,
          reason: `${signal.name} ${formatNumber(
            value,
          )} anomaly score ${formatNumber(verdict.score)} ${
            holds ? '>=' : '<'
          } ${formatNumber(condition.score)}`,
        };
      }
      if (!condition.fallback || isWithheld(verdict)) {
        return undefined;
      }
      const fallback = comparisonVerdict(
        signal.name,
        value,
        condition.fallback.op,
        condition.fallback.value,
      );
      return {
        holds: fallback.holds,
        reason: `${fallback.reason} (fallback threshold: ${verdict.reason})`,
      };
    },
  };
}
