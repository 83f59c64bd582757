import {
  RcaCandidate,
  RcaCase,
  RcaRanking,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RcaEngineConfig, RCA_ENGINE_CONFIG } from './engineConfig';
import { describeCandidate } from './evidenceText';
import { faultKindOf } from './faultKind';
import { scoreWithGraph } from './graphScoring';
import { prepareSeries } from './prepareSeries';
import { collectServiceEvidence } from './serviceEvidence';
import { ServiceGraph } from './serviceGraph';
import { measureMove, SeriesMove } from './seriesMove';

/**
 * The candidate set: `services` when given (an empty list included), else
 * every service named in `series` or `graph`, as the case format says (the
 * symptom's service is a candidate only when named there).
 */
export function candidateServices(rcaCase: RcaCase): string[] {
  if (rcaCase.services) return [...new Set(rcaCase.services)];
  const names = new Set<string>();
  rcaCase.series.forEach(s => names.add(s.service));
  rcaCase.graph?.forEach(([a, b]) => names.add(a).add(b));
  return [...names];
}

/**
 * Root-cause analysis of one case, deterministic: every series is measured
 * against its own pre-fault baseline; each service is scored on its
 * strongest moves; the call graph discounts services whose dependencies
 * moved at least as much and no later, and supports those whose callers
 * followed; recent changes raise a service. Every candidate service is
 * ranked exactly once, with its suspected fault and the evidence.
 */
export function analyzeCase(
  rcaCase: RcaCase,
  config: RcaEngineConfig = RCA_ENGINE_CONFIG,
): RcaRanking {
  const services = candidateServices(rcaCase);
  const candidates = new Set(services);
  const moves: SeriesMove[] = [];
  const totals = new Map<string, number>();
  for (const series of rcaCase.series) {
    if (!candidates.has(series.service)) continue;
    totals.set(series.service, (totals.get(series.service) ?? 0) + 1);
    const prepared = prepareSeries(series, rcaCase.faultTime);
    const move = prepared && measureMove(prepared, rcaCase.faultTime, config);
    if (move) moves.push(move);
  }
  const evidence = collectServiceEvidence(
    services,
    moves,
    totals,
    rcaCase.changes ?? [],
    rcaCase.faultTime,
    config,
  );
  const graph = new ServiceGraph(rcaCase.graph);
  const verdicts = scoreWithGraph(
    evidence,
    graph,
    rcaCase.symptom?.service,
    config,
  );
  const ordered = services
    .map(service => ({
      service,
      evidence: evidence.get(service)!,
      verdict: verdicts.get(service)!,
    }))
    .sort(
      (a, b) =>
        b.verdict.score - a.verdict.score ||
        b.evidence.own - a.evidence.own ||
        a.service.localeCompare(b.service),
    );
  const ranking: RcaCandidate[] = ordered.map(
    ({ service, evidence: own, verdict }) => ({
      service,
      score: round(verdict.score / (verdict.score + config.scoreHalfPoint)),
      fault: own.moved ? faultKindOf(own.moves[0]) : 'unknown',
      evidence: describeCandidate(
        own,
        verdict,
        rcaCase.faultTime,
        graph.known,
        config.moveThreshold,
      ),
      series: own.moves
        .filter(m => m.deviation > config.moveThreshold)
        .slice(0, 5)
        .map(m => ({
          metric: m.series.source.metric,
          kind: m.series.source.kind,
          direction: m.direction,
          deviation: round(m.deviation),
          onsetSeconds: m.onset,
          baseline: m.baseline,
          peak: m.peak,
          unit: m.series.source.unit,
        })),
      changes: own.changes.length ? own.changes : undefined,
    }),
  );
  return { id: rcaCase.id, ranking };
}

/** Four decimals: enough to order, short to print. Rounding keeps order non-increasing. */
function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
