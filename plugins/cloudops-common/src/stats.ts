import { IncidentSeverity, IncidentState } from './incident';

/**
 * What incident statistics can be grouped by.
 *
 * @public
 */
export const INCIDENT_STATS_GROUPS = [
  'severity',
  'state',
  'entity',
  'system',
  'owner',
  'account',
] as const;

/** @public */
export type IncidentStatsGroup = (typeof INCIDENT_STATS_GROUPS)[number];

/**
 * Incident counts and response times over a time window, derived from the
 * incidents' timelines.
 *
 * @public
 */
export interface IncidentStats {
  from: string;
  to: string;
  total: number;
  open: number;
  bySeverity: Record<IncidentSeverity, number>;
  byState: Record<IncidentState, number>;
  /** Mean time to acknowledge, seconds; null when nothing was acknowledged. */
  mttaSeconds: number | null;
  /** Mean time to resolve, seconds; null when nothing was resolved. */
  mttrSeconds: number | null;
  groupBy?: IncidentStatsGroup;
  groups?: Array<{ key: string | null; count: number; open: number }>;
  /** Incidents opened per bucket, oldest first. */
  series: Array<{ start: string; count: number }>;
}
