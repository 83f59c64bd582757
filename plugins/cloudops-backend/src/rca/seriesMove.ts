import { RcaSeriesKind } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RcaEngineConfig } from './engineConfig';
import { PreparedSeries } from './prepareSeries';
import { robustBaseline, sortedScratch } from './robustStats';

/** How one series moved after the fault time, against its own baseline. */
export interface SeriesMove {
  series: PreparedSeries;
  direction: 'rise' | 'drop';
  /** Sustained deviation from the baseline median, in scale units (≥ 0). */
  deviation: number;
  /** Kind weight × direction weight. */
  weight: number;
  /**
   * weight × (log(1 + deviation) + log(1 + relative change)): comparable
   * across series of any unit.
   */
  strength: number;
  /**
   * Seconds from the fault time to where the move began: its first point
   * beyond the move threshold, or, when it was already beyond at the fault
   * time, the start of that unbroken run (negative). Infinity when none.
   */
  onset: number;
  baseline: number;
  /** The most extreme value in the move's direction. */
  peak: number;
  /**
   * Whether this move can cause trouble for the service's callers: a
   * harmful move of latency, errors, availability, CPU, memory or
   * saturation (a change in traffic is more often a consequence).
   */
  propagates: boolean;
}

/** Which way is harmful for each kind; `both` when either way is. */
const HARMFUL: Record<RcaSeriesKind, 'rise' | 'drop' | 'both'> = {
  latency: 'rise',
  errors: 'rise',
  cpu: 'rise',
  memory: 'rise',
  saturation: 'rise',
  availability: 'drop',
  traffic: 'both',
  other: 'both',
};

/** How many points a move must hold for: `sustainSeconds` at the series' spacing after the fault. */
function sustainPoints(series: PreparedSeries, config: RcaEngineConfig) {
  const { times, split } = series;
  const after = times.length - split;
  if (config.sustainSeconds <= 0 || after < 2) return 1;
  const spacing = (times[times.length - 1] - times[split]) / (after - 1);
  return Math.min(
    after,
    Math.max(1, Math.round(config.sustainSeconds / spacing)),
  );
}

/**
 * A series' pre-fault baseline and the scales a move away from it is
 * measured in, each way. Each direction is judged against how far the
 * baseline itself reached that way (a series with occasional spikes is not
 * alarming for spiking); a flat baseline gets a floor scale (a share of its
 * level, or of the largest excursion after the fault) so that leaving it is
 * significant but bounded.
 */
export interface BaselineScales {
  /** The baseline's median. */
  center: number;
  riseScale: number;
  dropScale: number;
  /** The largest excursions after the fault, each way (≥ 0). */
  maxRise: number;
  maxDrop: number;
}

/** The baseline and move scales of a series split at the fault time; undefined without enough baseline or points after. */
export function baselineScales(
  series: PreparedSeries,
  config: RcaEngineConfig,
): BaselineScales | undefined {
  const { values, split } = series;
  if (split < config.minBaselinePoints || split >= values.length) {
    return undefined;
  }
  const base = robustBaseline(values.subarray(0, split));
  const center = base.median;
  let maxRise = 0;
  let maxDrop = 0;
  for (let i = split; i < values.length; i++) {
    const d = values[i] - center;
    if (d > maxRise) maxRise = d;
    if (-d > maxDrop) maxDrop = -d;
  }
  const floor = Math.max(
    base.spread,
    config.relativeFloor * Math.abs(center),
    config.excursionFloor * Math.max(maxRise, maxDrop),
    Number.MIN_VALUE,
  );
  return {
    center,
    riseScale: Math.max(floor, base.upper),
    dropScale: Math.max(floor, base.lower),
    maxRise,
    maxDrop,
  };
}

/**
 * Measures how far a series left its pre-fault baseline after the fault
 * time, in either direction, robustly (median and MAD of the baseline, see
 * {@link baselineScales}). A series without enough baseline or without
 * points after the fault has no move (undefined).
 */
export function measureMove(
  series: PreparedSeries,
  faultTime: number,
  config: RcaEngineConfig,
): SeriesMove | undefined {
  const scales = baselineScales(series, config);
  if (!scales) return undefined;
  const { times, values, split } = series;
  const { center, riseScale, dropScale, maxRise, maxDrop } = scales;
  // The deviation held for k points: from the k-th highest value after
  // the fault (rises) and the k-th lowest (drops).
  const k = sustainPoints(series, config);
  const after = sortedScratch(values.subarray(split));
  const change = {
    rise: Math.max(0, after[after.length - k] - center),
    drop: Math.max(0, center - after[k - 1]),
  };
  const level = Math.abs(center);
  const harmful = HARMFUL[series.source.kind];
  const kindWeight = config.kindWeights[series.source.kind];
  const candidates = (['rise', 'drop'] as const).map(direction => {
    const deviation =
      change[direction] / (direction === 'rise' ? riseScale : dropScale);
    // How large the change is for the series itself (×2, ×50): tells
    // apart moves that are all certain against their noise. A series at 0
    // that left it changed without bound; one that stayed there did not.
    let relative = 0;
    if (level > 0) {
      relative = Math.min(config.maxRelativeChange, change[direction] / level);
    } else if (change[direction] > 0) {
      relative = config.maxRelativeChange;
    }
    const weight =
      kindWeight *
      (harmful === 'both' || harmful === direction
        ? 1
        : config.benignDirectionWeight);
    const strength = weight * (Math.log1p(deviation) + Math.log1p(relative));
    return { direction, deviation, weight, strength };
  });
  const best = candidates.reduce((a, b) => (b.strength > a.strength ? b : a));
  const sign = best.direction === 'rise' ? 1 : -1;
  const scale = best.direction === 'rise' ? riseScale : dropScale;
  const beyond = (i: number) =>
    (sign * (values[i] - center)) / scale > config.moveThreshold;
  let first = split;
  while (first < values.length && !beyond(first)) first++;
  // A move that began before the fault time (the alert came after the
  // fault) began where its unbroken run beyond the threshold did.
  if (first === split) {
    while (first > 0 && beyond(first - 1)) first--;
  }
  const onset = first < values.length ? times[first] - faultTime : Infinity;
  return {
    series,
    direction: best.direction,
    deviation: best.deviation,
    weight: best.weight,
    strength: best.strength,
    onset,
    baseline: center,
    peak: center + sign * (best.direction === 'rise' ? maxRise : maxDrop),
    propagates: harmful === best.direction,
  };
}
