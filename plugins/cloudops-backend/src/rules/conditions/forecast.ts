import { ForecastCondition } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  Forecaster,
  ForecastResult,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { compare, finiteValue, formatNumber } from './numbers';
import { Observation, SignalCondition, Verdict } from './types';

async function forecast(
  forecaster: Forecaster,
  { seriesId, timestamp }: Observation,
  value: number,
  horizonMs: number,
): Promise<ForecastResult> {
  try {
    return await forecaster.forecast(seriesId, { timestamp, value }, horizonMs);
  } catch (error) {
    return { ready: false, reason: (error as Error).message };
  }
}

/**
 * `type: forecast`: fires when the signal's value already crosses the value
 * (a breach now), or a forecast point within `horizon` of the signal does:
 * its upper bound for `>` and `>=`, its lower bound for `<` and `<=`. A
 * forecaster that is not ready, or none, gives no verdict.
 */
export function forecastCondition(
  condition: ForecastCondition,
  options: { forMs: number; horizonMs: number; forecaster?: Forecaster },
): SignalCondition {
  const { op, value: threshold, horizon } = condition;
  const bound = op === '>' || op === '>=' ? 'upper' : 'lower';
  return {
    kind: 'signal',
    forMs: options.forMs,
    async check(observation): Promise<Verdict | undefined> {
      const { signal, timestamp } = observation;
      const value = finiteValue(signal.value);
      if (value === undefined || !options.forecaster) {
        return undefined;
      }
      const result = await forecast(
        options.forecaster,
        observation,
        value,
        options.horizonMs,
      );
      if (!result.ready) {
        return undefined;
      }
      if (compare(value, op, threshold)) {
        return {
          holds: true,
          reason: `${signal.name} ${formatNumber(value)} ${op} ${formatNumber(
            threshold,
          )} already (forecast within ${horizon})`,
        };
      }
      const end = timestamp + options.horizonMs;
      const breach = result.points.find(
        point =>
          point.timestamp >= timestamp &&
          point.timestamp <= end &&
          Number.isFinite(point[bound]) &&
          compare(point[bound], op, threshold),
      );
      if (!breach) {
        return {
          holds: false,
          reason: `${
            signal.name
          } forecast ${bound} bound does not cross ${op} ${formatNumber(
            threshold,
          )} within ${horizon}`,
        };
      }
      return {
        holds: true,
        reason: `${signal.name} forecast ${bound} bound ${formatNumber(
          breach[bound],
        )} ${op} ${formatNumber(threshold)} at ${new Date(
          breach.timestamp,
        ).toISOString()} (within ${horizon})`,
      };
    },
  };
}
