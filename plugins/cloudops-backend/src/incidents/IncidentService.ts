import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  IncidentDetail,
  IncidentSeverity,
  IncidentState,
  INCIDENT_TRANSITIONS,
  NewIncident,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Request } from 'express';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase, CloudopsStores } from '../database/CloudopsDatabase';
import { IncidentPatch } from '../database/IncidentStore';
import { isUuid } from '../database/isUuid';

/** Incident ids are UUIDs; anything else names no incident (and must not reach PostgreSQL's uuid type). */
function checkId(id: string): string {
  if (!isUuid(id)) {
    throw new NotFoundError(`No incident with id ${id}`);
  }
  return id;
}

/** Who asks, and the request to audit. */
export interface Caller {
  actor: string;
  request?: Request;
}

/** The timestamps a transition into `to` sets, the first time. */
export function transitionTimestamps(
  incident: Incident,
  to: IncidentState,
  at: Date,
): Partial<IncidentPatch> {
  if (to === 'open') {
    return { resolvedAt: null };
  }
  const patch: Partial<IncidentPatch> = {};
  // Leaving `open` by any path counts as the acknowledgement (for MTTA).
  if (!incident.acknowledgedAt) patch.acknowledgedAt = at;
  if (to === 'mitigated' && !incident.mitigatedAt) patch.mitigatedAt = at;
  if (to === 'resolved') patch.resolvedAt = at;
  return patch;
}

/** What people do to incidents: raise, read, move through the lifecycle, annotate. */
export class IncidentService {
  constructor(
    private readonly database: CloudopsDatabase,
    private readonly changes: AuditedChanges,
    private readonly catalog: CatalogSnapshot,
  ) {}

  async create(input: NewIncident, caller: Caller): Promise<Incident> {
    const entity = input.entityRef
      ? this.catalog.index.get(input.entityRef)
      : undefined;
    const created = await this.changes.run(
      {
        action: 'incident-create',
        actor: caller.actor,
        request: caller.request,
      },
      async stores => {
        const now = new Date();
        const incident = await stores.incidents.createIncident({
          ...input,
          createdBy: caller.actor,
          createdAt: now,
          candidateEntityRef: input.entityRef,
          systemRef: entity?.systemRef,
          ownerRef: entity?.ownerRef,
          account: entity?.account,
        });
        await stores.incidents.appendEvent(incident.id, {
          type: 'opened',
          actor: caller.actor,
          message: `Opened by ${caller.actor}: ${incident.title}`,
          createdAt: now,
        });
        return incident;
      },
      incident => ({ incidentId: incident.id }),
    );
    return created;
  }

  async get(id: string): Promise<IncidentDetail> {
    const { incidents } = this.database.stores;
    const incident = await incidents.getIncident(checkId(id));
    if (!incident) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    const [timeline, alertKeys] = await Promise.all([
      incidents.getTimeline(id),
      incidents.getOpenKeys(id),
    ]);
    return { ...incident, timeline, alertKeys };
  }

  async transition(
    id: string,
    to: IncidentState,
    caller: Caller & { note?: string },
  ): Promise<Incident> {
    return this.change(
      id,
      'incident-transition',
      caller,
      { to },
      async (stores, incident, now) => {
        if (!INCIDENT_TRANSITIONS[incident.state].includes(to)) {
          throw new ConflictError(
            `Incident ${id} is ${
              incident.state
            }; it can go to ${INCIDENT_TRANSITIONS[incident.state].join(
              ', ',
            )}, not ${to}`,
          );
        }
        if (to === 'resolved') {
          await stores.incidents.clearOpenKeys(id);
        } else if (incident.state === 'resolved') {
          await stores.incidents.reopenKeys(id);
        }
        const verb = to === 'open' ? 'Reopened' : `Moved to ${to}`;
        await stores.incidents.appendEvent(id, {
          type: 'state',
          actor: caller.actor,
          message: `${verb} by ${caller.actor}${
            caller.note ? `: ${caller.note}` : ''
          }`,
          data: {
            from: incident.state,
            to,
            ...(caller.note ? { note: caller.note } : {}),
          },
          createdAt: now,
        });
        return { state: to, ...transitionTimestamps(incident, to, now) };
      },
    );
  }

  async update(
    id: string,
    patch: { severity?: IncidentSeverity; assignee?: string | null },
    caller: Caller,
  ): Promise<Incident> {
    return this.change(
      id,
      'incident-update',
      caller,
      { ...patch },
      async (stores, incident, now) => {
        if (patch.severity && patch.severity !== incident.severity) {
          await stores.incidents.appendEvent(id, {
            type: 'severity',
            actor: caller.actor,
            message: `Severity ${incident.severity} → ${patch.severity} by ${caller.actor}`,
            data: { from: incident.severity, to: patch.severity },
            createdAt: now,
          });
        }
        if (
          patch.assignee !== undefined &&
          patch.assignee !== (incident.assignee ?? null)
        ) {
          await stores.incidents.appendEvent(id, {
            type: 'assignee',
            actor: caller.actor,
            message: patch.assignee
              ? `Assigned to ${patch.assignee} by ${caller.actor}`
              : `Unassigned by ${caller.actor}`,
            data: { from: incident.assignee ?? null, to: patch.assignee },
            createdAt: now,
          });
        }
        return patch;
      },
    );
  }

  async addNote(id: string, text: string, caller: Caller): Promise<Incident> {
    return this.change(
      id,
      'incident-note',
      caller,
      {},
      async (stores, _incident, now) => {
        await stores.incidents.appendEvent(id, {
          type: 'note',
          actor: caller.actor,
          message: text,
          createdAt: now,
        });
        return {};
      },
    );
  }

  /** Loads, checks and patches one incident in an audited transaction. */
  private async change(
    id: string,
    action: string,
    caller: Caller,
    meta: Record<string, string | null>,
    work: (
      stores: CloudopsStores,
      incident: Incident,
      now: Date,
    ) => Promise<Omit<IncidentPatch, 'updatedAt'>>,
  ): Promise<Incident> {
    const changed = await this.changes.run(
      {
        action,
        actor: caller.actor,
        target: id,
        meta,
        request: caller.request,
      },
      async stores => {
        const incident = await stores.incidents.getIncident(checkId(id));
        if (!incident) {
          throw new NotFoundError(`No incident with id ${id}`);
        }
        const now = new Date();
        const patch = await work(stores, incident, now);
        return stores.incidents.updateIncident(id, {
          ...patch,
          updatedAt: now,
        });
      },
    );
    return changed;
  }
}
