import { IncidentRca } from '@cloudops-ai/backstage-plugin-cloudops-common';

/** A past incident's current RCA, for finding similar incidents. */
export interface PastRca {
  incidentId: string;
  title: string;
  resolvedAt?: string;
  rca: IncidentRca;
}

/** Where incidents' root-cause analyses are kept, one revision per run. */
export interface RcaStore {
  /** Stores a run as the incident's next revision and makes it its current RCA. */
  saveRca(
    rca: Omit<IncidentRca, 'revision'>,
    basis: string,
  ): Promise<IncidentRca>;
  /** The incident's current RCA and the basis it was computed on. */
  getLatestRca(
    incidentId: string,
  ): Promise<{ rca: IncidentRca; basis: string } | undefined>;
  /** Current RCAs of resolved incidents, most recently resolved first. */
  listResolvedRcas(options: { limit: number }): Promise<PastRca[]>;
  /** Unresolved incidents opened since `since` that have no RCA yet. */
  listIncidentsWithoutRca(since: Date, limit: number): Promise<string[]>;
}
