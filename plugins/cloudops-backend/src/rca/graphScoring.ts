import { RcaEngineConfig } from './engineConfig';
import { ServiceEvidence } from './serviceEvidence';
import { ServiceGraph } from './serviceGraph';

/** How the graph changed a service's score, and why. */
export interface GraphVerdict {
  score: number;
  /** A dependency that moved at least as much, no later: the likelier cause. */
  explainedBy?: { service: string; hops: number; share: number };
  /** Callers that moved no earlier than this service did. */
  supportingCallers: string[];
  callerCount: number;
  /** Whether the symptom's service depends on this one (or is it). */
  behindSymptom?: boolean;
}

/**
 * Adjusts each service's own score by its place in the call graph: a
 * service whose dependency moved at least as much, no later and in a way
 * that troubles callers (slower, failing, saturated) is more likely a
 * victim than a cause (its score is discounted by how much of it
 * that dependency explains, the square of the dependency's share of its
 * strength: a much weaker move downstream explains little); a service whose callers moved with or after it
 * is supported by them; a recent change to it makes it likelier. With no
 * graph, only changes count.
 */
export function scoreWithGraph(
  evidence: Map<string, ServiceEvidence>,
  graph: ServiceGraph,
  symptom: string | undefined,
  config: RcaEngineConfig,
): Map<string, GraphVerdict> {
  const verdicts = new Map<string, GraphVerdict>();
  const tolerance = config.onsetToleranceSeconds;
  const symptomReach =
    graph.known && symptom !== undefined ? graph.reach(symptom) : undefined;
  for (const [service, own] of evidence) {
    let score = own.own;
    const verdict: GraphVerdict = {
      score,
      supportingCallers: [],
      callerCount: 0,
      behindSymptom: symptomReach ? symptomReach.has(service) : undefined,
    };
    if (graph.known && own.moved && score > 0) {
      for (const [dependency, hops] of graph.dependencies(service)) {
        const other = evidence.get(dependency);
        if (!other?.propagating || other.onset > own.onset + tolerance) {
          continue;
        }
        const share = Math.min(1, other.propagating / score);
        if (share > (verdict.explainedBy?.share ?? 0)) {
          verdict.explainedBy = { service: dependency, hops, share };
        }
      }
      const callers = graph.callers(service);
      verdict.callerCount = callers.length;
      verdict.supportingCallers = callers.filter(caller => {
        const other = evidence.get(caller);
        return other?.moved && other.onset >= own.onset - tolerance;
      });
      if (verdict.explainedBy) {
        score *=
          1 - config.propagationDiscount * verdict.explainedBy.share ** 2;
      }
      if (callers.length > 0) {
        score *=
          1 +
          (config.callerSupport * verdict.supportingCallers.length) /
            callers.length;
      }
    }
    if (own.changes.length > 0) {
      score = Math.max(score, config.changeOnlyScore) * config.changeBoost;
    }
    verdict.score = score;
    verdicts.set(service, verdict);
  }
  return verdicts;
}
