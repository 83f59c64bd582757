/** Error lines per bin (start ISO 8601), oldest first. */
export type Timeline = Array<{ start: string; count: number }>;

/** A run of bins well above the window's usual error rate. */
export interface Burst {
  start: string;
  end: string;
  count: number;
  baseline: number;
}

/** The fewest errors in one bin that can be a burst. */
const MIN_BURST = 5;
/** How many times the median a bin must reach. */
const FACTOR = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Finds error bursts: consecutive bins with at least `max(5, 3 × median)`
 * errors, the median being the window's typical errors per bin.
 */
export function findBursts(timeline: Timeline, binSeconds: number): Burst[] {
  if (timeline.length === 0) return [];
  const baseline = median(timeline.map(b => b.count));
  const threshold = Math.max(MIN_BURST, FACTOR * baseline);
  const bursts: Burst[] = [];
  let current: Burst | undefined;
  for (const bin of timeline) {
    const end = new Date(
      Date.parse(bin.start) + binSeconds * 1000,
    ).toISOString();
    if (bin.count >= threshold) {
      if (current) {
        current.end = end;
        current.count += bin.count;
      } else {
        current = { start: bin.start, end, count: bin.count, baseline };
        bursts.push(current);
      }
    } else {
      current = undefined;
    }
  }
  return bursts;
}

/** Fills the bins of a window that had no errors with 0. */
export function fillTimeline(
  counts: Map<number, number>,
  fromMs: number,
  toMs: number,
  binSeconds: number,
): Timeline {
  const binMs = binSeconds * 1000;
  const timeline: Timeline = [];
  for (let t = Math.floor(fromMs / binMs) * binMs; t < toMs; t += binMs) {
    timeline.push({
      start: new Date(t).toISOString(),
      count: counts.get(t) ?? 0,
    });
  }
  return timeline;
}
