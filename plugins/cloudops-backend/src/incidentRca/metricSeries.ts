import { RcaCaseSeries } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { MetricPoint } from '../database/SignalStore';
import { byFingerprint } from './byFingerprint';
import { seriesKindOf } from './seriesKindOf';

/**
 * The RCA's series from a read of metric points: one per fingerprint (points
 * without an entity or a value are left out), in time order; a name repeated
 * on one entity gets a suffix. Made right after the read, so that only the
 * series outlive it (the points are many small objects; the series are two
 * arrays of numbers each).
 */
export function metricSeries(points: MetricPoint[]): RcaCaseSeries[] {
  const series = byFingerprint(
    points.filter(p => p.entityRef && p.value !== undefined),
  );
  const named = new Map<string, number>();
  for (const [first] of series.values()) {
    const key = `${first.entityRef}\u0000${first.name}`;
    named.set(key, (named.get(key) ?? 0) + 1);
  }
  return [...series.entries()].map(([fingerprint, list]) => {
    const { entityRef, name } = list[0];
    const repeated = named.get(`${entityRef}\u0000${name}`)! > 1;
    // Parsed once per point: the stores return them in time order, which
    // the sort then only confirms.
    const timed = list.map(p => ({
      time: Date.parse(p.timestamp) / 1000,
      value: p.value ?? null,
    }));
    timed.sort((a, b) => a.time - b.time);
    return {
      service: entityRef!,
      metric: repeated ? `${name}#${fingerprint.slice(0, 8)}` : name,
      kind: seriesKindOf(name),
      unit: list[0].labels.unit,
      timestamps: timed.map(p => p.time),
      values: timed.map(p => p.value),
    };
  });
}
