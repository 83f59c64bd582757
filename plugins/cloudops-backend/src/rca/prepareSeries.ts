import { RcaCaseSeries } from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * A series made fit for analysis: only finite points, in time order, one
 * point per timestamp, split at the fault time.
 */
export interface PreparedSeries {
  source: RcaCaseSeries;
  times: Float64Array;
  values: Float64Array;
  /** Index of the first point at or after the fault time. */
  split: number;
}

/**
 * Drops missing and non-finite points, sorts by time when the input is out
 * of order, keeps the last value of a repeated timestamp, and finds the fault
 * time in it. Returns undefined when no point is left.
 */
export function prepareSeries(
  series: RcaCaseSeries,
  faultTime: number,
): PreparedSeries | undefined {
  const n = Math.min(series.timestamps.length, series.values.length);
  let times = new Float64Array(n);
  let values = new Float64Array(n);
  let count = 0;
  let ordered = true;
  for (let i = 0; i < n; i++) {
    const t = series.timestamps[i];
    const v = series.values[i];
    if (v === null || !Number.isFinite(v) || !Number.isFinite(t)) continue;
    if (count > 0 && t <= times[count - 1]) ordered = false;
    times[count] = t;
    values[count] = v;
    count++;
  }
  if (count === 0) return undefined;
  times = times.subarray(0, count);
  values = values.subarray(0, count);
  if (!ordered) {
    ({ times, values } = sortByTime(times, values));
  }
  let split = 0;
  while (split < times.length && times[split] < faultTime) split++;
  return { source: series, times, values, split };
}

/** Sorts points by time (stable), keeping the last value of equal timestamps. */
function sortByTime(times: Float64Array, values: Float64Array) {
  const order = Array.from(times.keys()).sort(
    (a, b) => times[a] - times[b] || a - b,
  );
  const sortedTimes: number[] = [];
  const sortedValues: number[] = [];
  for (const i of order) {
    const last = sortedTimes.length - 1;
    if (last >= 0 && sortedTimes[last] === times[i]) {
      sortedValues[last] = values[i];
    } else {
      sortedTimes.push(times[i]);
      sortedValues.push(values[i]);
    }
  }
  return {
    times: Float64Array.from(sortedTimes),
    values: Float64Array.from(sortedValues),
  };
}
