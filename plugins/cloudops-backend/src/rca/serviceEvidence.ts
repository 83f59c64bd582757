import { RcaChange } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RcaEngineConfig } from './engineConfig';
import { SeriesMove } from './seriesMove';

/** What one service's own series say, before the graph is considered. */
export interface ServiceEvidence {
  service: string;
  /** Its series' moves, strongest first. */
  moves: SeriesMove[];
  /** Strongest move plus a share of the strongest of another kind. */
  own: number;
  /** Strength of its strongest move that can trouble its callers (0 if none). */
  propagating: number;
  /** Whether any series moved beyond the threshold. */
  moved: boolean;
  /** Earliest onset among its moves beyond the threshold (Infinity if none). */
  onset: number;
  /** How many of its series had a baseline to judge against. */
  judged: number;
  /** Series it has in the case at all. */
  total: number;
  changes: RcaChange[];
}

/**
 * Groups series moves by service and scores each service on its own
 * evidence: its strongest move, corroborated by the strongest move of a
 * different kind (several percentiles of one latency are one piece of
 * evidence, not three).
 */
export function collectServiceEvidence(
  services: string[],
  moves: SeriesMove[],
  totals: Map<string, number>,
  changes: RcaChange[],
  faultTime: number,
  config: RcaEngineConfig,
): Map<string, ServiceEvidence> {
  const byService = new Map<string, SeriesMove[]>();
  for (const move of moves) {
    const list = byService.get(move.series.source.service);
    if (list) list.push(move);
    else byService.set(move.series.source.service, [move]);
  }
  const result = new Map<string, ServiceEvidence>();
  for (const service of services) {
    const own = (byService.get(service) ?? []).sort(
      (a, b) => b.strength - a.strength,
    );
    const [best] = own;
    const other =
      best && own.find(m => m.series.source.kind !== best.series.source.kind);
    const significant = own.filter(m => m.deviation > config.moveThreshold);
    result.set(service, {
      service,
      moves: own,
      own: best
        ? best.strength + config.corroborationWeight * (other?.strength ?? 0)
        : 0,
      propagating: significant.find(m => m.propagates)?.strength ?? 0,
      moved: significant.length > 0,
      onset: Math.min(...significant.map(m => m.onset)),
      judged: own.length,
      total: totals.get(service) ?? 0,
      changes: changes.filter(
        c =>
          c.service === service &&
          c.time <= faultTime &&
          c.time >= faultTime - config.changeWindowSeconds,
      ),
    });
  }
  return result;
}
