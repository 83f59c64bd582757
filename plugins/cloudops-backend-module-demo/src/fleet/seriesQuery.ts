import { FleetModel } from '../model/FleetModel';
import { STEP_MS } from '../model/seasonality';
import { MetricSeries } from '../signals/fleetSeries';

/** How far back the simulated history can be asked for. */
export const HISTORY_DAYS = 14;
/** The most points one series of an answer has. */
export const MAX_POINTS = 2000;
/** Within a step, at most this many samples are averaged. */
const SAMPLES_PER_STEP = 12;

/** One point of a series: epoch milliseconds and a value. */
export interface SeriesPoint {
  timestamp: number;
  value: number;
}

/** A series over a window, for a chart or a detector. */
export interface FleetSeriesValues {
  /** The signal name, e.g. `CPUUtilization`, `container_cpu_usage_percent`. */
  name: string;
  entityRef: string;
  source: string;
  resource?: string;
  labels: Record<string, string>;
  points: SeriesPoint[];
}

/** How each step's value is made from its samples. */
export type StepAggregate = 'avg' | 'max' | 'sum';

/**
 * The values of a series over [from, to) in steps of `stepMs`: each step's
 * samples (every minute, or evenly spread when the step is long) combined
 * by `aggregate`. A step without samples (a node that stopped reporting)
 * has no point.
 */
export function seriesValues(
  series: MetricSeries,
  model: FleetModel,
  window: {
    from: number;
    to: number;
    stepMs: number;
    aggregate?: StepAggregate;
    /** Samples read per step (default 12). */
    samplesPerStep?: number;
  },
): FleetSeriesValues {
  const { from, to, stepMs } = window;
  const aggregate = window.aggregate ?? 'avg';
  const sampleMs = Math.max(
    STEP_MS,
    Math.floor(stepMs / (window.samplesPerStep ?? SAMPLES_PER_STEP) / STEP_MS) *
      STEP_MS,
  );
  const points: SeriesPoint[] = [];
  for (let start = from; start < to; start += stepMs) {
    const values: number[] = [];
    const first = Math.ceil(start / STEP_MS) * STEP_MS;
    for (let t = first; t < Math.min(to, start + stepMs); t += sampleMs) {
      const value = series.value(model, t);
      if (value !== undefined && Number.isFinite(value)) values.push(value);
    }
    if (values.length === 0) continue;
    let value: number;
    if (aggregate === 'max') value = Math.max(...values);
    else {
      const sum = values.reduce((a, b) => a + b, 0);
      // A sum over sampled minutes stands for every minute of the step.
      value =
        aggregate === 'sum'
          ? (sum * (stepMs / STEP_MS)) / values.length
          : sum / values.length;
    }
    points.push({ timestamp: start, value: Number(value.toPrecision(6)) });
  }
  return {
    name: series.identity.name,
    entityRef: series.service,
    source: series.identity.source,
    resource: series.identity.resource,
    labels: series.identity.labels,
    points,
  };
}
