import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Incident,
  Opportunity,
  OpportunityDetail,
  OpportunityState,
  RemediationPolicyResult,
  RemediationRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

const enc = encodeURIComponent;

/** What a policy check is about and what would run (`POST /remediations/policy`). */
export interface PolicyCheckRequest {
  incidentId?: string;
  opportunityId?: string;
  executor?: string;
  ref?: string;
  parameters?: Record<string, unknown>;
  plan?: {
    targets: string[];
    costImpact: 'increase' | 'neutral' | 'decrease' | 'unknown';
    summary?: string;
  };
  approval?: { required: boolean; approvers?: number };
}

/**
 * The cloudops backend's REST API as the template's user: every call
 * carries a token issued on behalf of the run's initiator, so the API's
 * permissions, policy and audit apply to that person.
 */
export class CloudopsApi {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  getIncident(credentials: BackstageCredentials, id: string) {
    return this.call<Incident>(credentials, 'GET', `/incidents/${enc(id)}`);
  }

  transitionIncident(
    credentials: BackstageCredentials,
    id: string,
    body: { to: string; note?: string },
  ) {
    return this.call<Incident>(
      credentials,
      'POST',
      `/incidents/${enc(id)}/transition`,
      body,
    );
  }

  addIncidentNote(credentials: BackstageCredentials, id: string, text: string) {
    return this.call<Incident>(
      credentials,
      'POST',
      `/incidents/${enc(id)}/notes`,
      { text },
    );
  }

  getOpportunity(credentials: BackstageCredentials, id: string) {
    return this.call<OpportunityDetail>(
      credentials,
      'GET',
      `/opportunities/${enc(id)}`,
    );
  }

  transitionOpportunity(
    credentials: BackstageCredentials,
    id: string,
    body: { to: OpportunityState; note?: string; pullRequestUrl?: string },
  ) {
    return this.call<Opportunity>(
      credentials,
      'POST',
      `/opportunities/${enc(id)}/transition`,
      body,
    );
  }

  checkPolicy(credentials: BackstageCredentials, body: PolicyCheckRequest) {
    return this.call<RemediationPolicyResult>(
      credentials,
      'POST',
      '/remediations/policy',
      body,
    );
  }

  /** Asks for a remediation of an incident or a savings opportunity. */
  requestRemediation(
    credentials: BackstageCredentials,
    subject: { incidentId?: string; opportunityId?: string },
    body: {
      executor: string;
      ref: string;
      parameters: Record<string, unknown>;
      approval?: { required: boolean; approvers?: number };
    },
  ) {
    return this.call<RemediationRequest>(
      credentials,
      'POST',
      subject.opportunityId
        ? `/opportunities/${enc(subject.opportunityId)}/remediations`
        : `/incidents/${enc(subject.incidentId ?? '')}/remediations`,
      body,
    );
  }

  /** Where people (and the savings ledger) can follow a remediation request. */
  async remediationUrl(id: string) {
    const base = await this.deps.discovery.getExternalBaseUrl('cloudops');
    return `${base}/remediations/${enc(id)}`;
  }

  getRemediation(credentials: BackstageCredentials, id: string) {
    return this.call<RemediationRequest>(
      credentials,
      'GET',
      `/remediations/${enc(id)}`,
    );
  }

  private async call<T>(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<T> {
    const [baseUrl, { token }] = await Promise.all([
      this.deps.discovery.getBaseUrl('cloudops'),
      this.deps.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'cloudops',
      }),
    ]);
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      // Say what the API said (permission, policy, validation), not just the status.
      const error = await ResponseError.fromResponse(response);
      error.message = `CloudOps ${method} ${path} failed (${response.status}): ${error.body.error.message}`;
      throw error;
    }
    // Parsed here (not by fetch) so the values are this realm's plain
    // records, which the scaffolder's templating insists on.
    return JSON.parse(await response.text()) as T;
  }
}
