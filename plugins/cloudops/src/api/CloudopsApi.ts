import { createApiRef } from '@backstage/core-plugin-api';
import {
  DependencyGraph,
  DetectorHealth,
  Incident,
  IncidentDetail,
  IncidentList,
  IncidentSeverity,
  IncidentState,
  IncidentStats,
  IncidentStatsGroup,
  Signal,
  ValidationReport,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * Which incidents: every field narrows the set (server-side).
 *
 * @public
 */
export interface IncidentQuery {
  entityRef?: string;
  system?: string;
  owner?: string;
  account?: string;
  severity?: IncidentSeverity[];
  state?: IncidentState[];
  /** Opened at or after (ISO 8601). */
  from?: string;
  /** Opened before (ISO 8601). */
  to?: string;
  /** Text in the title or description. */
  q?: string;
}

/**
 * How to aggregate incident statistics.
 *
 * @public
 */
export interface StatsQuery extends IncidentQuery {
  groupBy?: IncidentStatsGroup;
  thenBy?: IncidentStatsGroup;
  groupLimit?: number;
  bucketSeconds?: number;
}

/**
 * What the CloudOps frontend asks of the CloudOps backend
 * (`plugins/cloudops-backend/src/schema/openapi.yaml`).
 *
 * @public
 */
export interface CloudopsApi {
  listIncidents(
    query: IncidentQuery & { limit?: number; offset?: number },
  ): Promise<IncidentList>;
  getIncident(id: string): Promise<IncidentDetail>;
  /**
   * The signals that formed an incident, oldest first; with `contextMinutes`,
   * also the other points of their series that long before and after.
   */
  getIncidentSignals(
    id: string,
    options?: { contextMinutes?: number },
  ): Promise<{ items: Signal[] }>;
  transitionIncident(
    id: string,
    to: IncidentState,
    note?: string,
  ): Promise<Incident>;
  addIncidentNote(id: string, text: string): Promise<Incident>;
  getStats(query: StatsQuery): Promise<IncidentStats>;
  getGraph(entityRef: string, depth?: number): Promise<DependencyGraph>;
  getDetectorHealth(): Promise<{ items: DetectorHealth[] }>;
  /** Runs the set-up checks (`GET /validate`). */
  getSetupHealth(): Promise<ValidationReport>;
}

/**
 * The API ref of {@link CloudopsApi}.
 *
 * @public
 */
export const cloudopsApiRef = createApiRef<CloudopsApi>({
  id: 'plugin.cloudops.service',
});
