/**
 * The kinds of series root-cause analysis distinguishes. Latency, errors,
 * CPU, memory and saturation are bad when they rise; availability when it
 * drops; traffic either way.
 *
 * @public
 */
export const RCA_SERIES_KINDS = [
  'latency',
  'errors',
  'traffic',
  'availability',
  'cpu',
  'memory',
  'saturation',
  'other',
] as const;

/** @public */
export type RcaSeriesKind = (typeof RCA_SERIES_KINDS)[number];

/**
 * The suspected fault of a candidate: the kind of series that moved first
 * and most, or `unknown`.
 *
 * @public
 */
export type RcaFaultKind = RcaSeriesKind | 'unknown';

/**
 * One metric series of a case: unix-second timestamps (ascending, spacing
 * may be irregular) and values (`null` where missing).
 *
 * @public
 */
export interface RcaCaseSeries {
  service: string;
  metric: string;
  kind: RcaSeriesKind;
  unit?: string;
  timestamps: number[];
  values: Array<number | null>;
}

/**
 * A change (deployment, configuration change, scaling) to a service around
 * an incident. Not part of the public case format; live incidents carry them.
 *
 * @public
 */
export interface RcaChange {
  service: string;
  /** Unix seconds. */
  time: number;
  description: string;
}

/**
 * What the RCA engine sees of one incident (the case format of
 * `yarn cloudops rca`, see `docs/reference/rca-case.md`).
 *
 * @public
 */
export interface RcaCase {
  id: string;
  /** Unix seconds: when the incident began. */
  faultTime: number;
  /** Where the incident was raised. */
  symptom?: { service: string; kind?: RcaSeriesKind };
  /** The candidate set; default: every service named in series or graph. */
  services?: string[];
  /** Directed edges `[caller, callee]`; absent when unknown. */
  graph?: Array<[string, string]>;
  series: RcaCaseSeries[];
  changes?: RcaChange[];
}

/**
 * One series that moved, as evidence for a candidate.
 *
 * @public
 */
export interface RcaSeriesEvidence {
  metric: string;
  kind: RcaSeriesKind;
  direction: 'rise' | 'drop';
  /** Robust deviation from the baseline, in baseline scale units (MAD-based). */
  deviation: number;
  /** Seconds after the fault time when it first left its baseline band (negative: before). */
  onsetSeconds: number;
  baseline: number;
  peak: number;
  unit?: string;
}

/**
 * A ranked candidate root cause.
 *
 * @public
 */
export interface RcaCandidate {
  service: string;
  /** 0..1, non-increasing down the ranking. */
  score: number;
  fault: RcaFaultKind;
  /** Human-readable reasons. */
  evidence: string[];
  /** The series behind the reasons, strongest first. */
  series?: RcaSeriesEvidence[];
  /** Changes to this service shortly before the fault. */
  changes?: RcaChange[];
}

/**
 * The engine's answer for one case.
 *
 * @public
 */
export interface RcaRanking {
  id: string;
  ranking: RcaCandidate[];
}

/**
 * A past incident that looks like this one, and what resolved it.
 *
 * @public
 */
export interface RcaSimilarIncident {
  incidentId: string;
  title: string;
  /** 0..1. */
  similarity: number;
  rootCause?: string;
  fault?: RcaFaultKind;
  resolvedAt?: string;
  /** What resolved it, each read after "resolved by": runbooks that succeeded, who resolved it (or its alerts clearing), its last notes. */
  resolution: string[];
}

/**
 * A runbook suggested for this incident, ranked by how often it resolved
 * incidents with the same signature.
 *
 * @public
 */
export interface RcaRemediation {
  runbookId: string;
  title: string;
  url?: string;
  /** Why it is suggested: what in the RCA it matches. */
  reason: string;
  /** Learned success rate for this signature (Laplace-smoothed), 0..1. */
  successRate: number;
  /** How many recorded uses it is based on. */
  uses: number;
  /** Whether the action dispatcher can run it. */
  executable: boolean;
  /**
   * What the dispatcher runs for it, when executable: request it with
   * `POST /incidents/{id}/remediations` as `{executor: type, ref: runbookId,
   * parameters: params}` (the runbook id is what learning counts).
   */
  action?: { type: string; params?: Record<string, unknown> };
}

/**
 * What the AI provider did with the RCA, if one is configured.
 *
 * @public
 */
export interface RcaAiReport {
  provider: string;
  model?: string;
  outcome: 'accepted' | 'rejected' | 'timeout' | 'failed';
  /** Why a response was rejected or the call failed. */
  reason?: string;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  /** Whether it re-ordered the candidates. */
  reordered: boolean;
}

/**
 * The root-cause analysis of an incident, as stored and served.
 *
 * @public
 */
export interface IncidentRca {
  incidentId: string;
  /** Increases with every run. */
  revision: number;
  createdAt: string;
  /** What made it run. */
  trigger: 'opened' | 'grew' | 'manual';
  /** The fault time used (ISO 8601). */
  faultTime: string;
  ranking: RcaCandidate[];
  /** The signature history and learning use. */
  signature: string[];
  /** The coarse key remediation success is learned under. */
  signatureKey: string;
  narrative: string;
  narrativeSource: 'template' | 'ai';
  similar: RcaSimilarIncident[];
  remediations: RcaRemediation[];
  ai?: RcaAiReport;
  /** What it looked at. */
  inputs: {
    services: number;
    series: number;
    changes: number;
    graphEdges: number;
  };
}
