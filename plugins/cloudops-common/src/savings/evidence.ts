/**
 * One series of a chart: points in time order.
 *
 * @public
 */
export interface EvidenceSeries {
  name: string;
  points: Array<{
    /** Epoch milliseconds. */
    t: number;
    v: number;
  }>;
}

/**
 * Chart data behind a finding: the usage that made a detector flag a
 * resource, with the thresholds it was held against.
 *
 * @public
 */
export interface EvidenceChart {
  title: string;
  /** `%`, `cores`, `bytes`, `requests/day`, `MB/day`, `connections`… */
  unit: string;
  kind: 'line' | 'bar';
  series: EvidenceSeries[];
  /**
   * For charts over categories instead of time (nodes of a pool): the
   * category names, and each point's `t` is its index.
   */
  categories?: string[];
  /** Horizontal reference lines, e.g. the idle threshold. */
  thresholds?: Array<{ label: string; value: number }>;
}

/**
 * Why a resource was flagged: plain statements and the charts behind them.
 *
 * @public
 */
export interface Evidence {
  /** Sentences, e.g. "CPU ≤ 10% and network ≤ 5 MB on 12 of 14 days". */
  summary: string[];
  charts: EvidenceChart[];
  /** The figures the decision used, by name (p99.5 CPU, low days…). */
  metrics: Record<string, number>;
}
