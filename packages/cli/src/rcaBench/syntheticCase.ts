import {
  RcaCase,
  RcaCaseSeries,
  RcaSeriesKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** A small deterministic random generator (mulberry32), so runs compare. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: RcaSeriesKind[] = [
  'latency',
  'errors',
  'traffic',
  'cpu',
  'memory',
  'saturation',
  'availability',
  'other',
];

/**
 * A large synthetic incident for the RCA scale benchmark: `services`
 * services in a layered call graph (each calls up to four deeper ones),
 * `seriesPerService` noisy series each with `points` points spaced 10 s,
 * half before the fault. One service (the root) saturates its CPU and slows
 * down; its callers, and theirs, slow down less and a little later.
 */
export function syntheticCase(options: {
  services: number;
  seriesPerService: number;
  points: number;
  seed: number;
}): { rcaCase: RcaCase; root: string } {
  const random = seededRandom(options.seed);
  const names = Array.from(
    { length: options.services },
    (_, i) => `svc-${String(i).padStart(4, '0')}`,
  );
  const graph: Array<[string, string]> = [];
  names.forEach((caller, i) => {
    const calls = Math.floor(random() * 4) + (i < names.length - 1 ? 1 : 0);
    for (let c = 0; c < calls; c++) {
      const callee =
        i + 1 + Math.floor(random() * Math.min(40, names.length - i - 1));
      if (callee < names.length) graph.push([caller, names[callee]]);
    }
  });
  const rootIndex = Math.floor(names.length / 2);
  const root = names[rootIndex];
  const affected = new Map<string, number>([[root, 0]]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [caller, callee] of graph) {
      const hops = affected.get(callee);
      if (hops !== undefined && !affected.has(caller)) {
        affected.set(caller, hops + 1);
        changed = true;
      }
    }
  }
  const faultTime = 1_700_000_000;
  const start = faultTime - (options.points / 2) * 10;
  const timestamps = Array.from(
    { length: options.points },
    (_, i) => start + i * 10,
  );
  const series: RcaCaseSeries[] = [];
  for (const service of names) {
    for (let s = 0; s < options.seriesPerService; s++) {
      const kind = KINDS[s % KINDS.length];
      const level = 10 + random() * 90;
      const hops = affected.get(service);
      const values = timestamps.map(t => {
        let value = level * (1 + 0.05 * (random() - 0.5));
        const after = t >= faultTime + (hops ?? 0) * 10;
        if (after && hops === 0 && (kind === 'cpu' || kind === 'latency')) {
          value *= 4;
        } else if (after && hops !== undefined && kind === 'latency') {
          value *= 1 + 2 / (hops + 1);
        }
        return random() < 0.01 ? null : value;
      });
      series.push({
        service,
        metric: `${service}_${kind}_${s}`,
        kind,
        timestamps,
        values,
      });
    }
  }
  return {
    root,
    rcaCase: { id: 'synthetic-scale', faultTime, graph, series },
  };
}
