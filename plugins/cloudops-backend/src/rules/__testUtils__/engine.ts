import { Rule, Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  AnomalyDetector,
  Forecaster,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { EvaluationContext, RuleEngine, RuleEvaluation } from '../RuleEngine';
import { RuleEvaluationState } from '../RuleEvaluationState';

/** An engine over a fixed rule set. */
export function engineFor(
  rules: Rule[],
  options: {
    anomalyDetector?: AnomalyDetector;
    forecaster?: Forecaster;
    state?: RuleEvaluationState;
  } = {},
): RuleEngine {
  return new RuleEngine({ rules: () => rules, ...options });
}

/** `status: reason` of each evaluation. */
export function summarize(evaluations: RuleEvaluation[]): string[] {
  return evaluations.map(e => `${e.status}: ${e.reason}`);
}

/** Evaluates signals one after the other; the summary of each signal's evaluations. */
export async function feed(
  engine: RuleEngine,
  signals: Signal[],
  context: EvaluationContext = {},
): Promise<string[][]> {
  const results: string[][] = [];
  for (const signal of signals) {
    results.push(summarize(await engine.evaluate(signal, context)));
  }
  return results;
}
