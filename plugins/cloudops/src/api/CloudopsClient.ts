import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DemoFleetInfo,
  DemoScenario,
  DemoScenarioKind,
  DependencyGraph,
  DetectorHealth,
  Incident,
  IncidentDetail,
  IncidentList,
  IncidentState,
  IncidentStats,
  IncidentRca,
  Opportunity,
  OpportunityDetail,
  OpportunityList,
  OpportunityState,
  RemediationRequest,
  SavingsReport,
  SavingsSummary,
  Signal,
  ValidationReport,
  SignalBands,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsApi,
  IncidentQuery,
  OpportunityQuery,
  RemediationInput,
  StatsQuery,
} from './CloudopsApi';

type QueryValue = string | number | boolean | string[] | undefined;

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

/** Whether a response says its body is JSON (`application/json`, `…+json`). */
function isJson(response: Response): boolean {
  return /^application\/([\w.-]+\+)?json\b/i.test(
    response.headers.get('content-type') ?? '',
  );
}

/**
 * A failed response as ResponseError reads it, without its body when that
 * is not JSON: a proxy's HTML error page (an nginx 502) is no message for
 * people, so the error says only the status.
 */
function forResponseError(response: Response) {
  if (isJson(response)) return response;
  return {
    headers: response.headers,
    ok: response.ok,
    redirected: response.redirected,
    status: response.status,
    statusText: response.statusText,
    type: response.type,
    url: response.url,
    text: async () => '',
  };
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
    options: { contextMinutes?: number; bands?: boolean } = {},
  ): Promise<{ items: Signal[]; bands?: SignalBands }> {
    return this.request(
      `/incidents/${encodeURIComponent(id)}/signals${toSearch(options)}`,
    );
  }

  async getIncidentRca(id: string): Promise<IncidentRca | undefined> {
    try {
      return await this.request<IncidentRca>(
        `/incidents/${encodeURIComponent(id)}/rca`,
      );
    } catch (error) {
      if ((error as ResponseError).statusCode === 404) {
        // Not analysed yet (or no such incident, which its detail reports).
        return undefined;
      }
      throw error;
    }
  }

  listRemediations(
    incidentId: string,
  ): Promise<{ items: RemediationRequest[] }> {
    return this.request(`/remediations${toSearch({ incidentId })}`);
  }

  requestRemediation(
    incidentId: string,
    input: RemediationInput,
  ): Promise<RemediationRequest> {
    return this.request(
      `/incidents/${encodeURIComponent(incidentId)}/remediations`,
      'POST',
      input,
    );
  }

  decideRemediation(
    id: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<RemediationRequest> {
    return this.request(
      `/remediations/${encodeURIComponent(id)}/decision`,
      'POST',
      comment ? { decision, comment } : { decision },
    );
  }

  listOpportunityRemediations(
    opportunityId: string,
  ): Promise<{ items: RemediationRequest[] }> {
    return this.request(
      `/opportunities/${encodeURIComponent(opportunityId)}/remediations`,
    );
  }

  listOpportunities(query: OpportunityQuery): Promise<OpportunityList> {
    return this.request(`/opportunities${toSearch({ ...query })}`);
  }

  getOpportunity(id: string): Promise<OpportunityDetail> {
    return this.request(`/opportunities/${encodeURIComponent(id)}`);
  }

  transitionOpportunity(
    id: string,
    input: { to: OpportunityState; note?: string; snoozeUntil?: string },
  ): Promise<Opportunity> {
    return this.request(
      `/opportunities/${encodeURIComponent(id)}/transition`,
      'POST',
      input,
    );
  }

  getSavingsSummary(query: { entityRef?: string }): Promise<SavingsSummary> {
    return this.request(`/savings/summary${toSearch(query)}`);
  }

  listSavingsReports(): Promise<{ items: SavingsReport[] }> {
    return this.request('/savings/reports');
  }

  async downloadSavingsReport(
    id: string,
    format: 'html' | 'pdf',
  ): Promise<Blob> {
    const response = await this.fetch(
      `/savings/reports/${encodeURIComponent(id)}/download${toSearch({
        format,
      })}`,
    );
    return response.blob();
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

  async getDemo(): Promise<DemoFleetInfo | undefined> {
    try {
      return await this.request<DemoFleetInfo>('/demo');
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  listDemoScenarios(
    options: { limit?: number } = {},
  ): Promise<{ items: DemoScenario[] }> {
    return this.request(`/demo/scenarios${toSearch(options)}`);
  }

  startDemoScenario(scenario: {
    kind: DemoScenarioKind;
    target?: string;
  }): Promise<DemoScenario> {
    return this.request('/demo/scenarios', 'POST', scenario);
  }

  getSetupHealth(): Promise<ValidationReport> {
    return this.request('/validate');
  }

  private async request<T>(
    path: string,
    method: 'GET' | 'POST' = 'GET',
    body?: object,
  ): Promise<T> {
    const response = await this.fetch(path, method, body);
    if (!isJson(response)) {
      // e.g. a sign-in or proxy page answered in the backend's place.
      throw new Error(
        `The response to ${method} ${path.split('?')[0]} was not JSON (${[
          response.status,
          response.statusText,
          response.headers.get('content-type') ?? 'no content type',
        ]
          .filter(Boolean)
          .join(' ')})`,
      );
    }
    return (await response.json()) as T;
  }

  private async fetch(
    path: string,
    method: 'GET' | 'POST' = 'GET',
    body?: object,
  ): Promise<Response> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('cloudops');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(forResponseError(response));
    }
    return response;
  }
}
