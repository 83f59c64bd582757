import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { IncidentRca } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RootCauses } from './DemoExecutor';

/**
 * The RCA's top cause of an incident, read from the CloudOps API as this
 * module's service principal (as any other client would read it).
 */
export class IncidentRootCauses implements RootCauses {
  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  async topCause(
    incidentId: string,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'cloudops',
    });
    const base = await discovery.getBaseUrl('cloudops');
    const response = await fetch(
      `${base}/incidents/${encodeURIComponent(incidentId)}/rca`,
      { headers: { Authorization: `Bearer ${token}` }, signal },
    );
    if (response.status === 404) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const rca = (await response.json()) as IncidentRca;
    return rca.ranking.find(c => c.series?.length || c.changes?.length)
      ?.service;
  }
}
