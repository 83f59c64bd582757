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
