import { useApi } from '@backstage/core-plugin-api';
import { IncidentRca } from '@cloudops-ai/backstage-plugin-cloudops-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cloudopsApiRef } from '../../api';

/** An incident's RCA as loaded: undefined value without error means none yet. */
export interface RcaLoad {
  value?: IncidentRca;
  error?: Error;
  loading: boolean;
  retry: () => void;
}

/** Loads an incident's root-cause analysis, again at every `version`. */
export function useIncidentRca(incidentId: string, version?: number): RcaLoad {
  const api = useApi(cloudopsApiRef);
  return useAsyncRetry(
    () => api.getIncidentRca(incidentId),
    [api, incidentId, version],
  );
}
