import {
  Incident,
  Rule,
  RuleAction,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsActionChannel } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { canonicalRef, EntityInfo } from '../catalog/entityInfo';
import { IncidentMatch, Route } from './actionOptions';
import { TeamDirectory } from './TeamDirectory';

/** A notification or ticket an incident gets. */
export interface PlannedDelivery {
  kind: 'notify' | 'ticket';
  channel: string;
  /** A channel's target, or a ticket system's project. */
  target?: string;
}

/** A remediation a rule asks for. */
export type RemediateAction = Extract<RuleAction, { type: 'remediate' }>;

/** What the incident's facts are for matching routes and approval rules. */
export interface IncidentFacts {
  severity: Incident['severity'];
  environment?: string;
  ownerRef?: string;
}

export function matchesIncident(
  match: IncidentMatch,
  facts: IncidentFacts,
): boolean {
  if (match.severity && !match.severity.includes(facts.severity)) return false;
  if (
    match.environment &&
    !(facts.environment && match.environment.includes(facts.environment))
  ) {
    return false;
  }
  if (match.owner) {
    const owners = match.owner.map(o => canonicalRef(o, 'group'));
    if (!(facts.ownerRef && owners.includes(facts.ownerRef))) return false;
  }
  return true;
}

export function factsOf(
  incident: Incident,
  entity: EntityInfo | undefined,
): IncidentFacts {
  return {
    severity: incident.severity,
    environment: entity?.environment,
    ownerRef: incident.ownerRef ?? entity?.ownerRef,
  };
}

/**
 * Decides what an incident is sent where: its rule's actions plus every
 * configured route that matches its severity, environment and owner. A
 * notification without a target goes to the owning team's channel (the
 * annotation the channel names on the team's Group entity), else to the
 * channel's default.
 */
export class ActionRouter {
  constructor(
    private readonly options: {
      routes: Route[];
      rules: () => readonly Rule[];
      channels: Map<string, CloudopsActionChannel>;
      teams: TeamDirectory;
    },
  ) {}

  route(
    incident: Incident,
    entity: EntityInfo | undefined,
  ): { deliveries: PlannedDelivery[]; remediations: RemediateAction[] } {
    const facts = factsOf(incident, entity);
    const rule = incident.ruleId
      ? this.options.rules().find(r => r.id === incident.ruleId)
      : undefined;
    const planned: PlannedDelivery[] = [];
    const remediations: RemediateAction[] = [];
    for (const action of rule?.actions ?? []) {
      if (action.type === 'notify') {
        planned.push(this.notify(action.channel, action.target, facts));
      } else if (action.type === 'ticket') {
        planned.push({
          kind: 'ticket',
          channel: action.system,
          target: action.project,
        });
      } else {
        remediations.push(action);
      }
    }
    for (const route of this.options.routes) {
      if (!matchesIncident(route, facts)) continue;
      for (const n of route.notify) {
        planned.push(this.notify(n.channel, n.target, facts));
      }
      for (const t of route.ticket) {
        planned.push({ kind: 'ticket', channel: t.system, target: t.project });
      }
    }
    const seen = new Set<string>();
    const deliveries = planned.filter(d => {
      const key = `${d.kind}|${d.channel}|${d.target ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { deliveries, remediations };
  }

  private notify(
    channel: string,
    target: string | undefined,
    facts: IncidentFacts,
  ): PlannedDelivery {
    const annotation =
      this.options.channels.get(channel)?.ownerTargetAnnotation;
    return {
      kind: 'notify',
      channel,
      target:
        target ??
        (annotation
          ? this.options.teams.annotation(facts.ownerRef, annotation)
          : undefined),
    };
  }
}
