import {
  fullMatch,
  Rule,
  StringMatcher,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { MetricSeries } from '../signals/fleetSeries';

function matches(matcher: StringMatcher | undefined, value: string): boolean {
  if (matcher === undefined) return true;
  if (typeof matcher === 'string') return matcher === value;
  if (Array.isArray(matcher)) return matcher.includes(value);
  return fullMatch(matcher.regex).test(value);
}

/**
 * Whether a rule with a learning detector (anomaly, forecast) may look at
 * the series: such series get the longer history at start, so the detector
 * is past its cold start when the fleet goes live. Only the series' own
 * fields are checked (name, source, account, region); entity selectors and
 * labels would only narrow it further.
 */
export function needsWarmup(
  series: MetricSeries,
  rules: readonly Rule[],
): boolean {
  const { identity } = series;
  return rules.some(rule => {
    const type = rule.condition.type;
    if (type !== 'anomaly' && type !== 'forecast') return false;
    const { match } = rule;
    if (match.kind && match.kind !== 'metric') return false;
    const sources =
      match.source === undefined || Array.isArray(match.source)
        ? match.source
        : [match.source];
    if (sources && !sources.includes(identity.source)) return false;
    return (
      matches(match.name, identity.name) &&
      (identity.account === undefined ||
        matches(match.account, identity.account)) &&
      (identity.region === undefined || matches(match.region, identity.region))
    );
  });
}
