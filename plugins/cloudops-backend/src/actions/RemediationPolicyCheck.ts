import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { RemediationPolicyResult } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsRemediationExecutor,
  RemediationPlan,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { ActionOptions } from './actionOptions';
import { isInputRefusal } from './executorPlan';
import { evaluateRemediationPolicy } from './RemediationPolicy';
import {
  entityRefOf,
  loadSubject,
  runSubject,
  subjectFacts,
  withSubjectCost,
} from './RemediationSubject';

/** What a policy check is about and what would run. */
export interface PolicyCheckInput {
  /** The incident the change remediates … */
  incidentId?: string;
  /** … or the savings opportunity it applies (judged as an `info` change on its entity). */
  opportunityId?: string;
  /** An installed executor plans the run in the subject's scope … */
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
      logger: LoggerService;
    },
  ) {}

  async check(
    input: PolicyCheckInput,
    signal: AbortSignal,
  ): Promise<RemediationPolicyResult> {
    if (!input.executor === !input.plan) {
      throw new InputError('Name either an executor (with its ref) or a plan');
    }
    if (input.executor && !input.ref) {
      throw new InputError(
        `Give the ref of what the ${input.executor} executor runs (a document, a template)`,
      );
    }
    if (!input.incidentId === !input.opportunityId) {
      throw new InputError('Name either an incidentId or an opportunityId');
    }
    const subject = await loadSubject(this.deps.database.stores, input);
    const entityRef = entityRefOf(subject);
    const entity = entityRef
      ? this.deps.catalog.index.get(entityRef)
      : undefined;
    const executor = input.executor
      ? this.deps.executors.get(input.executor)
      : undefined;
    let plan = input.plan;
    if (executor) {
      plan = await this.plan(executor, input, subject, signal);
    }
    return evaluateRemediationPolicy({
      options: this.deps.options,
      facts: subjectFacts(subject, entity),
      // A plan stated by the caller is carried out by the caller.
      executor: input.plan ? { id: 'caller' } : executor,
      executorId: input.executor ?? 'caller',
      plan: withSubjectCost(subject, plan),
      ruleApproval: input.approval,
    });
  }

  /**
   * The executor's plan. Its refusal of the input (an InputError) is the
   * caller's to see; any other failure (the cloud's answer, with accounts
   * and roles in it) is logged, and the caller, who may only read, hears
   * that the executor could not plan.
   */
  private async plan(
    executor: CloudopsRemediationExecutor,
    input: PolicyCheckInput,
    subject: Awaited<ReturnType<typeof loadSubject>>,
    signal: AbortSignal,
  ): Promise<RemediationPlan> {
    try {
      return await executor.plan({
        requestId: `policy-check-${input.incidentId ?? input.opportunityId}`,
        ref: input.ref!,
        parameters: input.parameters ?? {},
        ...runSubject(subject),
        signal,
      });
    } catch (error) {
      if (isInputRefusal(error)) throw error;
      this.deps.logger.warn(
        `The ${executor.id} executor could not plan ${input.ref} for a policy check: ${error}`,
      );
      throw new ServiceUnavailableError(
        `The ${executor.id} executor could not plan ${input.ref}; its error is in the backend's log`,
      );
    }
  }
}
