import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DependencyGraph,
  DetectorHealth,
  Incident,
  IncidentDetail,
  IncidentList,
  IncidentState,
  IncidentStats,
  Signal,
  ValidationReport,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsApi, IncidentQuery, StatsQuery } from './CloudopsApi';

type QueryValue = string | number | string[] | undefined;

/** Query parameters; lists comma-separated, empty values left out. */
function toSearch(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The HTTP client for the CloudOps backend.
 *
 * @public
 */
export class CloudopsClient implements CloudopsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  listIncidents(
    query: IncidentQuery & { limit?: number; offset?: number },
  ): Promise<IncidentList> {
    return this.request(`/incidents${toSearch({ ...query })}`);
  }

  getIncident(id: string): Promise<IncidentDetail> {
    return this.request(`/incidents/${encodeURIComponent(id)}`);
  }

  getIncidentSignals(
    id: string,
    options: { contextMinutes?: number } = {},
  ): Promise<{ items: Signal[] }> {
    return this.request(
      `/incidents/${encodeURIComponent(id)}/signals${toSearch(options)}`,
    );
  }

  transitionIncident(
    id: string,
    to: IncidentState,
    note?: string,
  ): Promise<Incident> {
    return this.request(
      `/incidents/${encodeURIComponent(id)}/transition`,
      'POST',
      note ? { to, note } : { to },
    );
  }

  addIncidentNote(id: string, text: string): Promise<Incident> {
    return this.request(`/incidents/${encodeURIComponent(id)}/notes`, 'POST', {
      text,
    });
  }

  getStats(query: StatsQuery): Promise<IncidentStats> {
    return this.request(`/stats${toSearch({ ...query })}`);
  }

  getGraph(entityRef: string, depth?: number): Promise<DependencyGraph> {
    return this.request(`/graph${toSearch({ entityRef, depth })}`);
  }

  getDetectorHealth(): Promise<{ items: DetectorHealth[] }> {
    return this.request('/detectors/health');
  }

  getSetupHealth(): Promise<ValidationReport> {
    return this.request('/validate');
  }

  private async request<T>(
    path: string,
    method: 'GET' | 'POST' = 'GET',
    body?: object,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('cloudops');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
