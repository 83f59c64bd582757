import { InputError, NotFoundError } from '@backstage/errors';
import { RemediationPolicyResult } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsRemediationExecutor,
  RemediationPlan,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { isUuid } from '../database/isUuid';
import { ActionOptions } from './actionOptions';
import { evaluateRemediationPolicy } from './RemediationPolicy';
import { factsOf, IncidentFacts } from './routing';

/** What a policy check is about and what would run. */
export interface PolicyCheckInput {
  /** The incident the change remediates … */
  incidentId?: string;
  /** … or the savings opportunity it applies (judged as an `info` change on its entity). */
  opportunityId?: string;
  /** An installed executor plans the run (incidents only) … */
  executor?: string;
  ref?: string;
  parameters?: Record<string, unknown>;
  /** … or the caller says what it changes (a pull request opened by a template). */
  plan?: RemediationPlan;
  /** Raises the approvals the configured rules ask for, like a rule's `approval`. */
  approval?: { required: boolean; approvers?: number };
}

/**
 * What the remediation policy would decide for a change, without recording
 * or running anything: the same read-only, cost-safe, blast-radius and
 * approval rules that requests go through, for incidents and for savings
 * opportunities (whose changes the scaffolder templates make).
 */
export class RemediationPolicyCheck {
  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      catalog: CatalogSnapshot;
      executors: Map<string, CloudopsRemediationExecutor>;
      options: ActionOptions;
    },
  ) {}

  async check(
    input: PolicyCheckInput,
    signal: AbortSignal,
  ): Promise<RemediationPolicyResult> {
    if (!input.executor === !input.plan) {
      throw new InputError('Name either an executor (with its ref) or a plan');
    }
    if (!input.incidentId === !input.opportunityId) {
      throw new InputError('Name either an incidentId or an opportunityId');
    }
    const { stores } = this.deps.database;
    let facts: IncidentFacts;
    let plan = input.plan;
    const executor = input.executor
      ? this.deps.executors.get(input.executor)
      : undefined;
    if (input.incidentId) {
      const incident = isUuid(input.incidentId)
        ? await stores.incidents.getIncident(input.incidentId)
        : undefined;
      if (!incident) {
        throw new NotFoundError(`No incident with id ${input.incidentId}`);
      }
      facts = factsOf(incident, this.entity(incident.entityRef));
      if (executor) {
        plan = await executor.plan({
          requestId: `policy-check-${incident.id}`,
          ref: input.ref ?? '',
          parameters: input.parameters ?? {},
          incident,
          signal,
        });
      }
    } else {
      if (input.executor) {
        throw new InputError(
          'Executors run on incidents: give an opportunity check its plan',
        );
      }
      const opportunity = isUuid(input.opportunityId!)
        ? await stores.opportunities.get(input.opportunityId!)
        : undefined;
      if (!opportunity) {
        throw new NotFoundError(
          `No opportunity with id ${input.opportunityId}`,
        );
      }
      const entity = this.entity(opportunity.entityRef);
      facts = {
        severity: 'info',
        environment: entity?.environment,
        ownerRef: opportunity.ownerRef ?? entity?.ownerRef,
      };
    }
    return evaluateRemediationPolicy({
      options: this.deps.options,
      facts,
      // A plan stated by the caller is carried out by the caller.
      executor: input.plan ? { id: 'caller' } : executor,
      executorId: input.executor ?? 'caller',
      plan,
      ruleApproval: input.approval,
    });
  }

  private entity(ref: string | undefined) {
    return ref ? this.deps.catalog.index.get(ref) : undefined;
  }
}
