import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  OPEN_OPPORTUNITY_STATES,
  Opportunity,
  RemediationRequest,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  RemediationPlan,
  RemediationScope,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { EntityInfo } from '../catalog/entityInfo';
import { CloudopsStores } from '../database/CloudopsDatabase';
import { publicOpportunity } from '../database/OpportunityStore';
import { isUuid } from '../database/isUuid';
import { factsOf, IncidentFacts } from './routing';

/** What a remediation request is about: an incident or a savings opportunity. */
export type RemediationSubject =
  | { kind: 'incident'; incident: Incident }
  | { kind: 'opportunity'; opportunity: Opportunity };

/** How a request names its subject (exactly one is set). */
export type SubjectRef = Pick<
  RemediationRequest,
  'incidentId' | 'opportunityId'
>;

/** Loads a request's subject; 404 when it is gone or the id is no UUID. */
export async function loadSubject(
  stores: CloudopsStores,
  ref: SubjectRef,
): Promise<RemediationSubject> {
  if (ref.opportunityId) {
    const stored = isUuid(ref.opportunityId)
      ? await stores.opportunities.get(ref.opportunityId)
      : undefined;
    if (!stored) {
      throw new NotFoundError(
        `No savings opportunity with id ${ref.opportunityId}`,
      );
    }
    return { kind: 'opportunity', opportunity: publicOpportunity(stored) };
  }
  const id = ref.incidentId ?? '';
  const incident = isUuid(id)
    ? await stores.incidents.getIncident(id)
    : undefined;
  if (!incident) throw new NotFoundError(`No incident with id ${id}`);
  return { kind: 'incident', incident };
}

/**
 * Why nothing may run for the subject any more: its incident is resolved,
 * or its opportunity is no longer open; undefined while it may.
 */
export function whyClosed(subject: RemediationSubject): string | undefined {
  if (subject.kind === 'incident') {
    const { incident } = subject;
    return incident.state === 'resolved'
      ? `Incident ${incident.id} is resolved`
      : undefined;
  }
  const { opportunity } = subject;
  return OPEN_OPPORTUNITY_STATES.includes(opportunity.state)
    ? undefined
    : `Opportunity ${opportunity.id} is ${opportunity.state}`;
}

/**
 * Refuses a remediation of an opportunity that is no longer open (already
 * changed, rejected, snoozed or expired): 409 with its state.
 */
export function checkOpen(subject: RemediationSubject): void {
  const closed = subject.kind === 'opportunity' && whyClosed(subject);
  if (closed) {
    throw new ConflictError(
      `${closed}; remediations apply only to open opportunities (${OPEN_OPPORTUNITY_STATES.join(
        ', ',
      )})`,
    );
  }
}

/** The subject's ids, as a request stores them. */
export function subjectRef(subject: RemediationSubject): SubjectRef {
  return subject.kind === 'incident'
    ? { incidentId: subject.incident.id }
    : { opportunityId: subject.opportunity.id };
}

/** The catalog entity the subject belongs to, if any. */
export function entityRefOf(subject: RemediationSubject): string | undefined {
  return subject.kind === 'incident'
    ? subject.incident.entityRef
    : subject.opportunity.entityRef;
}

/** What an executor is told about where it acts. */
export function scopeOf(subject: RemediationSubject): RemediationScope {
  if (subject.kind === 'incident') {
    const { incident } = subject;
    return {
      entityRef: incident.entityRef,
      account: incident.account,
      region: incident.labels.region,
      resource: incident.labels.resource,
    };
  }
  const { opportunity } = subject;
  return {
    entityRef: opportunity.entityRef,
    account: opportunity.resource.account ?? opportunity.account,
    region: opportunity.resource.region,
    resource: opportunity.resource.id,
  };
}

/** The subject as an executor's run carries it. */
export function runSubject(subject: RemediationSubject): {
  scope: RemediationScope;
  incident?: Incident;
  opportunity?: Opportunity;
} {
  return subject.kind === 'incident'
    ? { scope: scopeOf(subject), incident: subject.incident }
    : { scope: scopeOf(subject), opportunity: subject.opportunity };
}

/**
 * The facts approval rules and cost-safe mode look at. An opportunity is
 * judged as an `info` change on its entity, owned by its owner.
 */
export function subjectFacts(
  subject: RemediationSubject,
  entity: EntityInfo | undefined,
): IncidentFacts {
  if (subject.kind === 'incident') return factsOf(subject.incident, entity);
  return {
    severity: 'info',
    environment: entity?.environment,
    ownerRef: subject.opportunity.ownerRef ?? entity?.ownerRef,
  };
}

/**
 * The plan with what the subject knows about cost: applying a savings
 * opportunity (deleting, stopping or downsizing what it recommends) lowers
 * cost, so an executor's `unknown` becomes `decrease` when the opportunity's
 * recommended side costs less than the current one. An executor that says
 * `increase` is believed.
 */
export function withSubjectCost(
  subject: RemediationSubject,
  plan: RemediationPlan | undefined,
): RemediationPlan | undefined {
  if (!plan || subject.kind !== 'opportunity') return plan;
  const { current, recommended } = subject.opportunity;
  if (
    plan.costImpact === 'unknown' &&
    recommended.monthlyCost < current.monthlyCost
  ) {
    return { ...plan, costImpact: 'decrease' };
  }
  return plan;
}
