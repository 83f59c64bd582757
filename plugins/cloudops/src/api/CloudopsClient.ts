import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { IncidentList } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsApi } from './CloudopsApi';

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

  async listIncidents(options: {
    entityRef?: string;
    limit?: number;
    offset?: number;
  }): Promise<IncidentList> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined) {
        query.set(key, String(value));
      }
    }
    return this.get<IncidentList>(`/incidents?${query}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('cloudops');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
