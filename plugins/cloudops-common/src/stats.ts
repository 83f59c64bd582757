import { IncidentSeverity, IncidentState } from './incident';

/**
 * What incident statistics can be grouped by. `entity` is the entity an
 * incident belongs to, `candidate` its candidate root-cause entity.
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
  'candidate',
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
  /** The second dimension of the groups, when asked (a system × account heat map). */
  thenBy?: IncidentStatsGroup;
  /** Largest first; `subKey` is set when grouped `thenBy` a second dimension. */
  groups?: IncidentStatsGroupCount[];
  /** Incidents opened per bucket, oldest first. */
  series: Array<{ start: string; count: number }>;
}

/**
 * One group of incident statistics.
 *
 * @public
 */
export interface IncidentStatsGroupCount {
  key: string | null;
  subKey?: string | null;
  count: number;
  /** Not resolved. */
  open: number;
  /** Not resolved, by severity. */
  openBySeverity: Record<IncidentSeverity, number>;
}
