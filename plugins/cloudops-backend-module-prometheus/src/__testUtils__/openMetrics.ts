/** One series of a history: a metric, its labels and its samples. */
export interface HistorySeries {
  name: string;
  labels: Record<string, string>;
  /** [epoch milliseconds, value] in time order. */
  samples: Array<[number, number]>;
}

function labelText(labels: Record<string, string>) {
  const pairs = Object.entries(labels).map(
    ([k, v]) => `${k}=${JSON.stringify(v)}`,
  );
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/**
 * OpenMetrics text with explicit timestamps, for `promtool tsdb
 * create-blocks-from openmetrics`: families together, each declared once.
 */
export function toOpenMetrics(series: HistorySeries[]): string {
  const families = new Map<string, HistorySeries[]>();
  for (const s of series) {
    families.set(s.name, [...(families.get(s.name) ?? []), s]);
  }
  const lines: string[] = [];
  for (const [name, members] of families) {
    lines.push(`# TYPE ${name} gauge`);
    for (const { labels, samples: values } of members) {
      for (const [time, value] of values) {
        lines.push(`${name}${labelText(labels)} ${value} ${time / 1000}`);
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** Samples every `stepMs` over [start, end], valued by `value(t)`. */
export function samples(
  start: number,
  end: number,
  stepMs: number,
  value: (time: number) => number,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let t = start; t <= end; t += stepMs) out.push([t, value(t)]);
  return out;
}

/** A counter that grows by `perSecond(t)` each second. */
export function counter(
  start: number,
  end: number,
  stepMs: number,
  perSecond: (t: number) => number,
) {
  let total = 0;
  return samples(start, end, stepMs, t => {
    const value = total;
    total += (perSecond(t) * stepMs) / 1000;
    return Number(value.toFixed(6));
  });
}
