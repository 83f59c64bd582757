/**
 * How bad an incident is, most severe first.
 *
 * @public
 */
export const INCIDENT_SEVERITIES = [
  'critical',
  'high',
  'warning',
  'info',
] as const;

/** @public */
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/**
 * The lifecycle of an incident: open → acknowledged → mitigated → resolved.
 *
 * @public
 */
export const INCIDENT_STATES = [
  'open',
  'acknowledged',
  'mitigated',
  'resolved',
] as const;

/** @public */
export type IncidentState = (typeof INCIDENT_STATES)[number];

/**
 * The transitions a person (or a rule) may make, from each state.
 * Reopening is `resolved → open`.
 *
 * @public
 */
export const INCIDENT_TRANSITIONS: Record<IncidentState, IncidentState[]> = {
  open: ['acknowledged', 'mitigated', 'resolved'],
  acknowledged: ['mitigated', 'resolved'],
  mitigated: ['acknowledged', 'resolved'],
  resolved: ['open'],
};

/**
 * Ranks severities: a larger number is more severe.
 *
 * @public
 */
export function severityRank(severity: IncidentSeverity): number {
  return INCIDENT_SEVERITIES.length - INCIDENT_SEVERITIES.indexOf(severity);
}

/**
 * What a caller supplies to raise an incident.
 *
 * @public
 */
export interface NewIncident {
  title: string;
  description?: string;
  severity: IncidentSeverity;
  /** The catalog entity the incident belongs to; absent when unknown. */
  entityRef?: string;
}

/**
 * An incident as stored and served.
 *
 * @public
 */
export interface Incident {
  id: string;
  title: string;
  description?: string;
  severity: IncidentSeverity;
  state: IncidentState;
  entityRef?: string;
  /** The user or service that raised it. */
  createdBy: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  /** The dedup key that opened it (rule-raised incidents). */
  dedupKey?: string;
  ruleId?: string;
  /** Upstream-most entity among its correlated alerts: the first suspect. */
  candidateEntityRef?: string;
  systemRef?: string;
  ownerRef?: string;
  account?: string;
  assignee?: string;
  labels: Record<string, string>;
  signalCount: number;
  lastSignalAt?: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
}

/**
 * The kinds of entry in an incident's timeline.
 *
 * @public
 */
export const INCIDENT_EVENT_TYPES = [
  'opened',
  'signal',
  'correlated',
  'state',
  'severity',
  'assignee',
  'note',
  'rca',
  'action',
  'approval',
] as const;

/** @public */
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];

/**
 * One entry of an incident's timeline.
 *
 * @public
 */
export interface IncidentEvent {
  id: string;
  incidentId: string;
  type: IncidentEventType;
  /** A user or service ref, or `cloudops` for the engine itself. */
  actor: string;
  message: string;
  data: Record<string, unknown>;
  createdAt: string;
}

/**
 * One alert group (dedup key) that belongs to an unresolved incident.
 *
 * @public
 */
export interface IncidentAlertKey {
  dedupKey: string;
  entityRef?: string;
  ruleId?: string;
  severity: IncidentSeverity;
  status: 'firing' | 'resolved';
  firstSeenAt: string;
  lastSeenAt: string;
}

/**
 * An incident with its timeline and its alert groups.
 *
 * @public
 */
export interface IncidentDetail extends Incident {
  timeline: IncidentEvent[];
  alertKeys: IncidentAlertKey[];
}

/**
 * A page of incidents, newest first.
 *
 * @public
 */
export interface IncidentList {
  items: Incident[];
  totalCount: number;
}
