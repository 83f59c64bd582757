/**
 * What a signal is: a metric datapoint, an alert (firing or resolved) or an
 * event (a deployment, a health notice, a state change).
 *
 * @public
 */
export const SIGNAL_KINDS = ['metric', 'alert', 'event'] as const;

/** @public */
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** @public */
export const SIGNAL_STATUSES = ['firing', 'resolved'] as const;

/** @public */
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/**
 * One normalized observation from any source.
 *
 * @public
 */
export interface Signal {
  /** Where it came from: `alertmanager`, `cloudwatch`, `eventbridge`, `prometheus`, `api`, `demo`, … */
  source: string;
  kind: SignalKind;
  /** The metric name, alert name or event type. */
  name: string;
  /** When it was observed (ISO 8601). */
  timestamp: string;
  /** The datapoint of a metric (or the value an alert carries). */
  value?: number;
  /** Alerts only: firing or resolved. */
  status?: SignalStatus;
  /** AWS account id, or the cluster/tenant for other sources. */
  account?: string;
  region?: string;
  /** The resource it is about: an ARN, `namespace/pod`, a host. */
  resource?: string;
  labels: Record<string, string>;
  /** Human-readable text: an alert's summary, an event's detail. */
  message?: string;
  /** Set when the source already knows the catalog entity. */
  entityRef?: string;
  /**
   * The identity of the series or alert this signal belongs to: the same for
   * every datapoint of one metric series and for the firing and resolved
   * notifications of one alert. Computed from the other fields when absent.
   */
  fingerprint: string;
}

/**
 * What is normal for one series of an incident, for charts: the band the
 * root-cause analysis measures moves against (the series' robust baseline
 * before the fault, ± the move threshold in its own scale units), and the
 * level the incident's rule compares values with.
 *
 * @public
 */
export interface SignalBand {
  fingerprint: string;
  /** Absent when the series has too few points before the fault. */
  baseline?: {
    /** The median of the points before the fault. */
    median: number;
    /** Values outside [lower, upper] count as a move in the RCA. */
    lower: number;
    upper: number;
    /** How many points before the fault it was learned from. */
    points: number;
  };
  /** The rule's comparison, when a rule of the incident compares this series' values. */
  threshold?: {
    ruleId: string;
    /** `threshold`, the `fallback` of an `anomaly` rule in cold start, or a `forecast` rule's level. */
    condition: 'threshold' | 'anomaly' | 'forecast';
    op: '>' | '>=' | '<' | '<=' | '==' | '!=';
    value: number;
  };
}

/**
 * The bands of an incident's series and the fault time they were learned
 * before (`GET /incidents/{id}/signals?bands=true`).
 *
 * @public
 */
export interface SignalBands {
  /** ISO 8601: the earliest of the incident's opening and its signals. */
  faultTime: string;
  series: SignalBand[];
}
