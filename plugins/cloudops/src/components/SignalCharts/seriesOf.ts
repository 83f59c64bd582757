import {
  Signal,
  SignalBand,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** One series of an incident's signals: every signal with one fingerprint. */
export interface SignalSeries {
  fingerprint: string;
  name: string;
  kind: Signal['kind'];
  /** What tells this series from others of the same name. */
  detail: string;
  points: Array<{ t: number; value: number }>;
  /**
   * Signals without a value: alert notifications (with their status) and
   * events (with their message).
   */
  marks: Array<Pick<Signal, 'status' | 'message'> & { t: number }>;
}

function describe(signal: Signal): string {
  const parts = [signal.resource, signal.account, signal.region].filter(
    Boolean,
  );
  if (parts.length === 0) {
    parts.push(
      ...Object.entries(signal.labels)
        .filter(([key]) => key !== 'severity')
        .slice(0, 3)
        .map(([key, value]) => `${key}=${value}`),
    );
  }
  return parts.join(' · ');
}

/** Groups signals (oldest first) into series by fingerprint, in order of first appearance. */
export function seriesOf(signals: Signal[]): SignalSeries[] {
  const byFingerprint = new Map<string, SignalSeries>();
  for (const signal of signals) {
    let series = byFingerprint.get(signal.fingerprint);
    if (!series) {
      series = {
        fingerprint: signal.fingerprint,
        name: signal.name,
        kind: signal.kind,
        detail: describe(signal),
        points: [],
        marks: [],
      };
      byFingerprint.set(signal.fingerprint, series);
    }
    const t = Date.parse(signal.timestamp);
    if (typeof signal.value === 'number') {
      series.points.push({ t, value: signal.value });
    } else {
      series.marks.push({ t, status: signal.status, message: signal.message });
    }
  }
  return [...byFingerprint.values()];
}

/**
 * The band of normal values to draw behind a series: the RCA's baseline
 * band, cut at zero for a series that never goes below it (a ratio, a
 * count), so the chart does not reach into values the series cannot take
 * (none when the whole band is below zero).
 */
export function normalBand(
  series: SignalSeries,
  band: SignalBand | undefined,
): { lower: number; upper: number } | undefined {
  if (!band?.baseline) return undefined;
  const { lower, upper } = band.baseline;
  if (!series.points.every(p => p.value >= 0)) return { lower, upper };
  return upper > 0 ? { lower: Math.max(0, lower), upper } : undefined;
}
