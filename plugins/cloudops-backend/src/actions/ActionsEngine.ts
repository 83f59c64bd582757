import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Incident,
  IncidentDetail,
  RemediationRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionAuditEntry,
  CloudopsActionsEngine,
  IncidentExplanation,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { isUuid } from '../database/isUuid';
import { IncidentService } from '../incidents/IncidentService';
import { ActionOptions } from './actionOptions';
import { explain, incidentLink } from './explain';
import { RemediationService } from './RemediationService';

/** What channels (Slack interactions) may do with the engine. */
export class ActionsEngine implements CloudopsActionsEngine {
  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      incidents: IncidentService;
      remediations: RemediationService;
      auditor: AuditorService;
      options: ActionOptions;
    },
  ) {}

  incidentUrl(incident: Incident): string {
    return incidentLink(this.deps.options.appBaseUrl, incident);
  }

  async getIncident(incidentId: string): Promise<IncidentDetail | undefined> {
    if (!isUuid(incidentId)) return undefined;
    return this.deps.incidents.get(incidentId).catch(() => undefined);
  }

  async getRemediation(
    requestId: string,
  ): Promise<RemediationRequest | undefined> {
    return this.deps.remediations.get(requestId).catch(() => undefined);
  }

  async explain(incidentId: string): Promise<IncidentExplanation> {
    const incident = await this.getIncident(incidentId);
    if (!incident) {
      return { evidence: [] };
    }
    const latest = await this.deps.database.stores.rca.getLatestRca(incidentId);
    return explain(incident, incident.timeline, latest?.rca);
  }

  decide(
    requestId: string,
    decision: {
      decision: 'approve' | 'reject';
      via: string;
      comment?: string;
      credentials: BackstageCredentials;
    },
  ): Promise<RemediationRequest> {
    return this.deps.remediations.decide(requestId, decision);
  }

  async audit(entry: ActionAuditEntry): Promise<void> {
    await this.deps.database.stores.audit.append(entry, new Date());
    const event = await this.deps.auditor.createEvent({
      eventId: entry.action,
      severityLevel: entry.outcome === 'failed' ? 'high' : 'medium',
      meta: {
        actor: entry.actor,
        target: entry.target ?? null,
        ...(entry.meta as any),
      },
    });
    if (entry.outcome === 'failed') {
      await event.fail({
        error: new Error(String(entry.meta.reason ?? entry.action)),
      });
    } else {
      await event.success();
    }
  }
}
