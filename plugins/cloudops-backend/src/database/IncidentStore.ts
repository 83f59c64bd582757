import {
  Incident,
  IncidentList,
  NewIncident,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** Filters and paging for {@link IncidentStore.listIncidents}. */
export interface ListIncidentsOptions {
  entityRef?: string;
  limit: number;
  offset: number;
}

/** Where incidents live. */
export interface IncidentStore {
  createIncident(
    incident: NewIncident & { createdBy: string },
  ): Promise<Incident>;
  listIncidents(options: ListIncidentsOptions): Promise<IncidentList>;
}
