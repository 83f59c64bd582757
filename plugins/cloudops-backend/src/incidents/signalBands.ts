import {
  Rule,
  Signal,
  SignalBand,
  SignalBands,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { compileSignalMatch } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { RCA_ENGINE_CONFIG } from '../rca/engineConfig';
import { prepareSeries } from '../rca/prepareSeries';
import { baselineScales } from '../rca/seriesMove';

type Threshold = NonNullable<SignalBand['threshold']>;

/** The level a rule compares a series' values with, if it compares values. */
function levelOf(rule: Rule): Omit<Threshold, 'ruleId'> | undefined {
  const { condition } = rule;
  switch (condition.type) {
    case 'threshold':
      return {
        condition: 'threshold',
        op: condition.op,
        value: condition.value,
      };
    case 'forecast':
      return {
        condition: 'forecast',
        op: condition.op,
        value: condition.value,
      };
    case 'anomaly':
      return condition.fallback
        ? { condition: 'anomaly', ...condition.fallback }
        : undefined;
    default:
      // firing, absent and rate conditions do not compare levels.
      return undefined;
  }
}

/**
 * What is normal for each metric series of an incident: the band the RCA
 * engine measures moves against (median of the points before the fault ±
 * its move threshold in the series' own scale, the same computation, see
 * `baselineScales`) and the level of the incident's first rule that matches
 * the series and compares values.
 *
 * @param signals - the incident's signals with context, any order
 * @param faultTime - see `faultTimeOf`
 * @param rules - the incident's rules (its own, then its alert groups')
 */
export function signalBands(
  signals: Signal[],
  faultTime: Date,
  rules: Rule[],
): SignalBands {
  const bySeries = new Map<string, Signal[]>();
  for (const signal of signals) {
    if (typeof signal.value !== 'number') continue;
    const list = bySeries.get(signal.fingerprint) ?? [];
    list.push(signal);
    bySeries.set(signal.fingerprint, list);
  }
  const compared = rules.flatMap(rule => {
    const level = levelOf(rule);
    return level
      ? [{ ruleId: rule.id, level, matches: compileSignalMatch(rule.match) }]
      : [];
  });
  const fault = faultTime.getTime() / 1000;
  const series: SignalBand[] = [];
  for (const [fingerprint, points] of bySeries) {
    const band: SignalBand = { fingerprint };
    const prepared = prepareSeries(
      {
        service: '',
        metric: points[0].name,
        kind: 'other',
        timestamps: points.map(p => Date.parse(p.timestamp) / 1000),
        values: points.map(p => p.value!),
      },
      fault,
    );
    const scales = prepared && baselineScales(prepared, RCA_ENGINE_CONFIG);
    if (prepared && scales) {
      const reach = RCA_ENGINE_CONFIG.moveThreshold;
      band.baseline = {
        median: scales.center,
        lower: scales.center - reach * scales.dropScale,
        upper: scales.center + reach * scales.riseScale,
        points: prepared.split,
      };
    }
    const rule = compared.find(r => r.matches(points[0]));
    if (rule) band.threshold = { ruleId: rule.ruleId, ...rule.level };
    series.push(band);
  }
  return { faultTime: faultTime.toISOString(), series };
}
