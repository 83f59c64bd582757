import {
  parseDuration,
  RuleCondition,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  AnomalyDetector,
  Forecaster,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { absentCondition } from './absent';
import { anomalyCondition } from './anomaly';
import { firingCondition } from './firing';
import { forecastCondition } from './forecast';
import { rateCondition } from './rate';
import { thresholdCondition } from './threshold';
import { CompiledCondition } from './types';

/** Milliseconds of a duration the rule validation has accepted; 0 when not given. */
function ms(duration: string | undefined): number {
  return duration === undefined ? 0 : parseDuration(duration) ?? 0;
}

/** Builds the evaluator of a validated rule condition. */
export function compileCondition(
  condition: RuleCondition,
  detectors: { anomalyDetector?: AnomalyDetector; forecaster?: Forecaster },
): CompiledCondition {
  switch (condition.type) {
    case 'firing':
      return firingCondition();
    case 'threshold':
      return thresholdCondition(condition, ms(condition.for));
    case 'absent':
      return absentCondition(condition, ms(condition.for));
    case 'rate':
      return rateCondition(condition, {
        forMs: ms(condition.for),
        perMs: ms(condition.per),
      });
    case 'anomaly':
      return anomalyCondition(condition, {
        forMs: ms(condition.for),
        detector: detectors.anomalyDetector,
      });
    default:
      return forecastCondition(condition, {
        forMs: ms(condition.for),
        horizonMs: ms(condition.horizon),
        forecaster: detectors.forecaster,
      });
  }
}
