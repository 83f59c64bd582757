let buffer = new Float64Array(1024);

/**
 * A sorted copy of `values` in a buffer shared by every call (the engine is
 * synchronous; this spares the garbage collector thousands of arrays per
 * RCA). Valid until the next call.
 */
export function sortedScratch(values: ArrayLike<number>): Float64Array {
  if (buffer.length < values.length) {
    buffer = new Float64Array(Math.max(values.length, buffer.length * 2));
  }
  const view = buffer.subarray(0, values.length);
  for (let i = 0; i < values.length; i++) view[i] = values[i];
  return view.sort();
}

/** The q-quantile (0..1) of sorted values, linearly interpolated. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** The mean of |x - center|. */
export function meanAbsoluteDeviation(
  values: ArrayLike<number>,
  center: number,
): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.abs(values[i] - center);
  return values.length ? sum / values.length : NaN;
}

/** A robust location and scale of a sample. */
export interface RobustBaseline {
  median: number;
  /** How far the sample's upper tail reaches above the median, as a normal-consistent scale ((q75 − median) / 0.6745). */
  upper: number;
  /** The same for the lower tail ((median − q25) / 0.6745). */
  lower: number;
  /**
   * The normal-consistent MAD (1.4826 × MAD), or, for a mostly flat sample
   * (MAD 0), its mean absolute deviation scaled the same way; 0 for a
   * constant sample.
   */
  spread: number;
}

/** Median and spread of a baseline sample. */
export function robustBaseline(values: ArrayLike<number>): RobustBaseline {
  const sorted = sortedScratch(values);
  const center = quantileOfSorted(sorted, 0.5);
  const upper = (quantileOfSorted(sorted, 0.75) - center) / 0.6745;
  const lower = (center - quantileOfSorted(sorted, 0.25)) / 0.6745;
  for (let i = 0; i < values.length; i++) {
    sorted[i] = Math.abs(values[i] - center);
  }
  const mad = 1.4826 * quantileOfSorted(sorted.sort(), 0.5);
  return {
    median: center,
    upper,
    lower,
    spread: mad > 0 ? mad : 1.2533 * meanAbsoluteDeviation(values, center),
  };
}
