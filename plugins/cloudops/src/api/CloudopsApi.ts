import { createApiRef } from '@backstage/core-plugin-api';
import { IncidentList } from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * What the CloudOps frontend asks of the CloudOps backend.
 *
 * @public
 */
export interface CloudopsApi {
  listIncidents(options: {
    entityRef?: string;
    limit?: number;
    offset?: number;
  }): Promise<IncidentList>;
}

/**
 * The API ref of {@link CloudopsApi}.
 *
 * @public
 */
export const cloudopsApiRef = createApiRef<CloudopsApi>({
  id: 'plugin.cloudops.service',
});
