import { ServerError } from '../http/callServer';
import { PromSeries, PrometheusClient } from './PrometheusClient';

/** Prometheus answers at most this many points per series in one range query. */
export const MAX_POINTS_PER_QUERY = 11_000;

const labelKey = (series: PromSeries) =>
  JSON.stringify([
    series.name ?? '',
    ...Object.entries(series.labels).sort(([a], [b]) => (a < b ? -1 : 1)),
  ]);

/**
 * The windows of a range query at `stepMs`, each with at most `maxPoints`
 * evaluation steps, aligned to the step so that the chunks together
 * evaluate exactly the steps one query would.
 */
export function rangeChunks(
  start: number,
  end: number,
  stepMs: number,
  maxPoints = MAX_POINTS_PER_QUERY,
): Array<{ start: number; end: number }> {
  if (!(stepMs > 0) || !(end >= start) || maxPoints < 1) {
    throw new RangeError(
      `A range needs a positive step and a start before its end (got ${start}..${end} at ${stepMs} ms)`,
    );
  }
  const chunks: Array<{ start: number; end: number }> = [];
  const span = (maxPoints - 1) * stepMs;
  for (let from = start; from <= end; from += span + stepMs) {
    chunks.push({ start: from, end: Math.min(end, from + span) });
  }
  return chunks;
}

/** A chunk of fewer steps than this is not split further. */
const MIN_SPLIT_STEPS = 16;

/**
 * A range query over any span: split into chunks of at most 11,000 steps
 * (Prometheus' limit per series), asked one after the other, and the series
 * put back together by their labels. A chunk whose answer is larger than
 * the client's `maxResponseBytes` is asked again in two halves.
 */
export async function queryRangeChunked(
  client: PrometheusClient,
  request: {
    query: string;
    start: number;
    end: number;
    stepMs: number;
    signal?: AbortSignal;
    maxPoints?: number;
  },
): Promise<PromSeries[]> {
  const { query, start, end, stepMs, signal, maxPoints } = request;
  const merged = new Map<string, PromSeries>();
  const ask = async (chunk: {
    start: number;
    end: number;
  }): Promise<PromSeries[]> => {
    try {
      return await client.queryRange({ query, ...chunk, stepMs, signal });
    } catch (error) {
      const steps = Math.floor((chunk.end - chunk.start) / stepMs) + 1;
      if (
        !(error instanceof ServerError && error.reason === 'too-large') ||
        steps < MIN_SPLIT_STEPS
      ) {
        throw error;
      }
      const middle = chunk.start + Math.floor(steps / 2) * stepMs;
      return [
        ...(await ask({ start: chunk.start, end: middle - stepMs })),
        ...(await ask({ start: middle, end: chunk.end })),
      ];
    }
  };
  for (const chunk of rangeChunks(start, end, stepMs, maxPoints)) {
    for (const s of await ask(chunk)) {
      const key = labelKey(s);
      const known = merged.get(key);
      if (known) known.points.push(...s.points);
      else merged.set(key, { ...s, points: [...s.points] });
    }
  }
  return [...merged.values()];
}
