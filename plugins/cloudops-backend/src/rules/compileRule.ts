import { Entity } from '@backstage/catalog-model';
import {
  parseTemplate,
  Rule,
  Signal,
  TemplatePart,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  AnomalyDetector,
  compileEntitySelector,
  compileSignalMatch,
  Forecaster,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { compileCondition } from './conditions/compileCondition';
import { CompiledCondition } from './conditions/types';

/** A validated rule with its matchers, condition and templates compiled. */
export interface CompiledRule {
  rule: Rule;
  /** Position in the rule set: evaluations come out in rule order. */
  order: number;
  matches(
    signal: Signal,
    context: { entity?: Entity; environment?: string },
  ): boolean;
  condition: CompiledCondition;
  title?: TemplatePart[];
  dedupKey?: TemplatePart[];
}

function templateParts(template: string | undefined) {
  return template === undefined ? undefined : parseTemplate(template).parts;
}

/** Compiles a rule that has passed validation. */
export function compileRule(
  rule: Rule,
  order: number,
  detectors: { anomalyDetector?: AnomalyDetector; forecaster?: Forecaster },
): CompiledRule {
  const signalMatches = compileSignalMatch(rule.match);
  const selector = rule.match.entity;
  const entityMatches = selector && compileEntitySelector(selector);
  const environments =
    rule.environment === undefined ? undefined : [rule.environment].flat();
  return {
    rule,
    order,
    matches: (signal, context) =>
      signalMatches(signal) &&
      (!environments ||
        (context.environment !== undefined &&
          environments.includes(context.environment))) &&
      (!entityMatches || entityMatches(context.entity)),
    condition: compileCondition(rule.condition, detectors),
    title: templateParts(rule.title),
    dedupKey: templateParts(rule.dedupKey),
  };
}
