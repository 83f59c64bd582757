import crypto from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { Request } from 'express';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  cloudopsRemediationApprovePermission,
  DeliveryEvent,
  Incident,
  RemediationOutcome,
  RemediationRequest,
  RemediationState,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsRemediationExecutor,
  DeliveryError,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsDatabase, CloudopsStores } from '../database/CloudopsDatabase';
import { isUniqueViolation } from '../database/isUniqueViolation';
import { RemediationPatch } from '../database/RemediationStore';
import {
  ClaimedDelivery,
  NewDelivery,
  RequestedRemediation,
} from '../database/OutboxStore';
import { isUuid } from '../database/isUuid';
import { followRemediation } from '../savings/remediationLedger';
import { ActionOptions } from './actionOptions';
import { approvalExpired, checkDecidable } from './approvalExpiry';
import { inputRefusalOf, isInputRefusal } from './executorPlan';
import { evaluateRemediationPolicy } from './RemediationPolicy';
import {
  checkOpen,
  entityRefOf,
  loadSubject,
  RemediationSubject,
  runSubject,
  SubjectRef,
  subjectFacts,
  subjectRef,
  whyClosed,
  withSubjectCost,
} from './RemediationSubject';
import { ActionRouter } from './routing';
import { ENGINE_ACTOR } from '../audit/engineActor';

/** Called once a remediation has run (the RCA's learning store listens). */
export type RemediationListener = (
  request: RemediationRequest,
  outcome: RemediationOutcome,
) => Promise<void> | void;

/** Expired waits one sweep ends (the next sweep goes on). */
const EXPIRY_BATCH = 100;

/** A line of a request's history: the incident's timeline event. */
interface HistoryLine {
  type: 'action' | 'approval';
  actor: string;
  message: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Remediation requests from request to outcome: policy before anything runs
 * (read-only, cost-safe, blast radius, approvals), the executor's dry run
 * first where it has one, approvals by people other than the requester who
 * hold `cloudops.remediation.approve`, then the execution. Every step is an
 * outbox delivery (so it survives a crash and runs once per idempotency
 * key), and every request, decision, execution and outcome is written to the
 * audit log. What the plan step's plan pins (`pin`: what exactly the
 * executor planned, e.g. a document version) is stored with its policy and
 * handed to the dry run and the execution (`pinned`), so what approvers saw
 * is what runs. Approvers have until the request's approval expiry
 * (`remediation.approvalTimeout`; then it expires), and nothing runs for an
 * incident that is resolved or an opportunity no longer open by the time it
 * is decided or about to execute: the request is cancelled.
 *
 * A request's subject is an incident or a savings opportunity. An
 * incident's request is written to its timeline and its notification
 * channels hear about it; an opportunity's request moves the opportunity
 * through the savings ledger (see {@link followRemediation}) and its
 * executor's progress goes to the audit log (`remediation-progress`).
 */
export class RemediationService {
  private readonly listeners: RemediationListener[] = [];

  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      changes: AuditedChanges;
      catalog: CatalogSnapshot;
      router: ActionRouter;
      executors: Map<string, CloudopsRemediationExecutor>;
      options: ActionOptions;
      permissions: PermissionsService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** Registers work to do once a remediation has run. */
  onExecuted(listener: RemediationListener): void {
    this.listeners.push(listener);
  }

  /** The outbox row that carries a rule's remediation: written with the incident change. */
  planStepFor(incident: Incident, request: RequestedRemediation): NewDelivery {
    return this.step(
      { incidentId: incident.id },
      request.executor,
      crypto.randomUUID(),
      {
        step: 'plan',
        request,
      },
    );
  }

  /**
   * A person asks for a remediation of an incident or a savings opportunity
   * (portal API); an opportunity must still be open. The executor plans it
   * first: input it refuses (an unknown or missing parameter) is a 400 and
   * nothing is stored.
   */
  async request(
    subject: SubjectRef,
    spec: Omit<RequestedRemediation, 'requestedBy' | 'ruleId'>,
    caller: { actor: string; request?: Request; signal?: AbortSignal },
  ): Promise<RemediationRequest> {
    const id = crypto.randomUUID();
    const refusal = await this.inputRefusal(id, subject, spec, caller.signal);
    return this.deps.changes.run(
      {
        action: 'remediation-request',
        actor: caller.actor,
        target: subject.incidentId ?? subject.opportunityId ?? '',
        meta: {
          executor: spec.executor,
          ref: spec.ref,
          ...(subject.opportunityId
            ? { opportunityId: subject.opportunityId }
            : {}),
        },
        request: caller.request,
      },
      async stores => {
        const loaded = await loadSubject(stores, subject);
        checkOpen(loaded);
        if (refusal) throw refusal;
        const created = await this.create(stores, loaded, id, {
          ...spec,
          requestedBy: caller.actor,
        });
        await stores.outbox.enqueue(
          [
            this.step(subjectRef(loaded), spec.executor, created.id, {
              step: 'plan',
              request: { ...spec, requestedBy: caller.actor },
            }),
          ],
          new Date(),
        );
        return created;
      },
      created => ({ remediationId: created.id }),
    );
  }

  /**
   * What the executor refuses in a request's input, asked before it is
   * stored (within the delivery timeout); nothing when the executor or the
   * subject is unknown (the request is refused for that, audited).
   */
  private async inputRefusal(
    requestId: string,
    subject: SubjectRef,
    spec: Pick<RequestedRemediation, 'executor' | 'ref' | 'parameters'>,
    signal?: AbortSignal,
  ): Promise<Error | undefined> {
    const executor = this.deps.executors.get(spec.executor);
    const loaded = executor
      ? await loadSubject(this.deps.database.stores, subject).catch(
          () => undefined,
        )
      : undefined;
    if (!executor || !loaded) return undefined;
    const deadline = AbortSignal.timeout(this.deps.options.delivery.timeoutMs);
    return inputRefusalOf(
      executor,
      {
        requestId,
        ref: spec.ref,
        parameters: spec.parameters,
        ...runSubject(loaded),
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      },
      this.deps.logger,
    );
  }

  /** The requests of one incident or opportunity, newest first; 404 when it is unknown. */
  async listFor(
    subject: SubjectRef,
    filter: { state?: RemediationState[]; limit: number },
  ): Promise<RemediationRequest[]> {
    const { stores } = this.deps.database;
    await loadSubject(stores, subject);
    return stores.remediations.list({ ...subject, ...filter });
  }

  async get(id: string): Promise<RemediationRequest> {
    const request = await this.deps.database.stores.remediations.get(
      checkUuid(id),
    );
    if (!request) throw new NotFoundError(`No remediation request ${id}`);
    return request;
  }

  /**
   * An approver's decision, from the portal or a chat. It counts only when
   * the policy grants the approver `cloudops.remediation.approve`, the
   * approver is a person other than the requester, the request awaits
   * approval and its approval has not expired, and its incident is not
   * resolved (its opportunity still open); refusals are audited as failed
   * decisions. A request whose subject closed is cancelled then. Deciders
   * take the request's row lock first, so concurrent decisions count each
   * other and only one of them moves the request.
   */
  async decide(
    id: string,
    input: {
      decision: 'approve' | 'reject';
      via: string;
      comment?: string;
      credentials: BackstageCredentials;
      request?: Request;
    },
  ): Promise<RemediationRequest> {
    const { credentials } = input;
    const actor = this.deps.auth.isPrincipal(credentials, 'user')
      ? credentials.principal.userEntityRef
      : (credentials.principal as { subject?: string }).subject ?? 'unknown';
    let closed: string | undefined;
    try {
      return await this.record(id, input, actor, reason => {
        closed = reason;
      });
    } catch (error) {
      if (closed) {
        await this.endWaitIfDue(id, new Date()).catch(endError =>
          this.deps.logger.warn(
            `Could not cancel remediation request ${id} (${closed}): ${endError}`,
          ),
        );
      }
      throw error;
    }
  }

  /** Records a decision (see {@link decide}); `closed` hears why its subject no longer allows one. */
  private async record(
    id: string,
    input: Parameters<RemediationService['decide']>[1],
    actor: string,
    closed: (reason: string) => void,
  ): Promise<RemediationRequest> {
    const { credentials } = input;
    return this.deps.changes.run(
      {
        action: 'remediation-decision',
        actor,
        target: id,
        meta: { decision: input.decision, via: input.via },
        request: input.request,
      },
      async stores => {
        if (!this.deps.auth.isPrincipal(credentials, 'user')) {
          throw new NotAllowedError(
            'Remediations are approved by people, not by services',
          );
        }
        const [permission] = await this.deps.permissions.authorize(
          [{ permission: cloudopsRemediationApprovePermission }],
          { credentials },
        );
        if (permission.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            `Missing permission ${cloudopsRemediationApprovePermission.name}`,
          );
        }
        const request = await stores.remediations.getForUpdate(checkUuid(id));
        if (!request) throw new NotFoundError(`No remediation request ${id}`);
        const now = new Date();
        checkDecidable(request, now);
        if (input.decision === 'approve' && actor === request.requestedBy) {
          throw new NotAllowedError(
            `${actor} requested this remediation and cannot approve it; another approver must`,
          );
        }
        const subject = await loadSubject(stores, request);
        const reason = whyClosed(subject);
        if (reason) {
          closed(reason);
          throw new ConflictError(
            `Remediation request ${id} is cancelled: ${reason}`,
          );
        }
        try {
          await stores.remediations.addDecision(
            id,
            {
              actor,
              decision: input.decision,
              via: input.via,
              comment: input.comment,
            },
            now,
          );
        } catch (error) {
          if (isUniqueViolation(error)) {
            throw new ConflictError(`${actor} has already decided on ${id}`);
          }
          throw error;
        }
        const { decisions } = (await stores.remediations.get(id))!;
        const approvals = decisions.filter(
          d => d.decision === 'approve',
        ).length;
        await this.history(stores, subject, request, {
          type: 'approval',
          actor,
          message:
            input.decision === 'approve'
              ? `${actor} approved ${request.executor} ${request.ref} (${approvals}/${request.policy.approvalsRequired}) via ${input.via}`
              : `${actor} rejected ${request.executor} ${request.ref} via ${input.via}`,
          data: {
            remediationId: id,
            decision: input.decision,
            via: input.via,
            comment: input.comment ?? null,
          },
          createdAt: now,
        });
        if (input.decision === 'reject') {
          await this.move(stores, subject, request, 'rejected', {}, now, {
            actor,
            note: `${actor} rejected ${request.executor} ${request.ref}`,
          });
        } else if (approvals >= request.policy.approvalsRequired) {
          await this.approve(stores, subject, request, now, actor);
        }
        return (await stores.remediations.get(id))!;
      },
      result => ({ state: result.state }),
    );
  }

  /**
   * Runs one step of a request (the outbox worker calls this). Input the
   * executor refuses is not tried again.
   */
  async runStep(delivery: ClaimedDelivery, signal: AbortSignal): Promise<void> {
    const { remediationId, step } = delivery.payload;
    if (!remediationId || !step) {
      throw new Error(`Delivery ${delivery.id} names no remediation step`);
    }
    try {
      if (step === 'plan') {
        await this.plan(delivery, remediationId, signal);
      } else {
        await this.execute(remediationId, step === 'dry-run', {
          signal,
          finalAttempt: delivery.attempts >= delivery.maxAttempts,
        });
      }
    } catch (error) {
      if (!isInputRefusal(error)) throw error;
      throw new DeliveryError(error.message, { retryable: false });
    }
  }

  /** A step gave up (dead letter): the request fails visibly. */
  async stepDead(delivery: ClaimedDelivery, error: string): Promise<void> {
    const id = delivery.payload.remediationId;
    const request = id
      ? await this.deps.database.stores.remediations.get(id)
      : undefined;
    if (!request) return;
    await this.finish(
      request,
      {
        status: 'failed',
        summary: `The ${delivery.payload.step} step gave up after ${delivery.attempts} attempt(s): ${error}`,
        outputs: {},
        finishedAt: new Date().toISOString(),
      },
      delivery.payload.step === 'dry-run',
    );
  }

  private async plan(
    delivery: ClaimedDelivery,
    id: string,
    signal: AbortSignal,
  ): Promise<void> {
    const { stores } = this.deps.database;
    let request = await stores.remediations.get(id);
    if (!request) {
      const spec = delivery.payload.request;
      if (!spec) throw new Error(`Remediation request ${id} is unknown`);
      request = await this.deps.changes.run(
        {
          action: 'remediation-request',
          actor: spec.requestedBy,
          target: delivery.incidentId ?? id,
          meta: {
            executor: spec.executor,
            ref: spec.ref,
            rule: spec.ruleId ?? null,
          },
        },
        async trx =>
          this.create(
            trx,
            await loadSubject(trx, { incidentId: delivery.incidentId }),
            id,
            spec,
          ),
      );
    }
    if (request.state !== 'requested') return; // planned by an earlier attempt
    const spec = delivery.payload.request ?? {
      approval: undefined,
      dryRun: undefined,
    };
    const subject = await loadSubject(stores, request);
    const entityRef = entityRefOf(subject);
    const entity = entityRef
      ? this.deps.catalog.index.get(entityRef)
      : undefined;
    const executor = this.deps.executors.get(request.executor);
    const plan = executor
      ? withSubjectCost(
          subject,
          await executor.plan({
            requestId: request.id,
            ref: request.ref,
            parameters: request.parameters,
            ...runSubject(subject),
            signal,
          }),
        )
      : undefined;
    const policy = evaluateRemediationPolicy({
      options: this.deps.options,
      facts: subjectFacts(subject, entity),
      executor,
      executorId: request.executor,
      plan,
      ruleApproval: spec.approval,
    });
    const dryRunFirst =
      !!executor?.supportsDryRun &&
      spec.dryRun !== false &&
      policy.blockedBy !== 'executor';
    const planned = request;
    await this.deps.changes.run(
      {
        action: 'remediation-policy',
        actor: ENGINE_ACTOR,
        target: request.id,
        meta: {
          blockedBy: policy.blockedBy ?? null,
          approvalsRequired: policy.approvalsRequired,
        },
      },
      async trx => {
        const now = new Date();
        let next: RemediationState = 'awaiting-approval';
        if (policy.blockedBy) next = 'blocked';
        if (dryRunFirst) next = 'dry-run';
        if (
          !(await trx.remediations.transition(
            planned.id,
            ['requested'],
            { policy, state: next },
            now,
          ))
        ) {
          return;
        }
        await this.history(trx, subject, planned, {
          type: 'action',
          actor: ENGINE_ACTOR,
          message: policy.blockedBy
            ? `Remediation ${planned.executor} ${planned.ref} blocked: ${
                policy.reasons[0]
              }${dryRunFirst ? ' (its dry run still runs)' : ''}`
            : `Remediation ${planned.executor} ${
                planned.ref
              }: ${policy.reasons.join('; ')}${
                dryRunFirst ? '; dry run first' : ''
              }`,
          data: { remediationId: planned.id, policy },
          createdAt: now,
        });
        const updated = { ...planned, policy, state: next };
        if (dryRunFirst) {
          // A request policy refuses leaves the ledger alone.
          if (!policy.blockedBy) {
            await followRemediation(trx, planned, next, {
              actor: ENGINE_ACTOR,
              note: `${planned.executor} ${planned.ref} requested by ${planned.requestedBy}; dry run first`,
              at: now,
            });
          }
          await trx.outbox.enqueue(
            [
              this.step(subjectRef(subject), planned.executor, planned.id, {
                step: 'dry-run',
              }),
            ],
            now,
          );
        } else if (policy.blockedBy) {
          await this.notify(trx, subject, updated, 'remediation-updated', now);
        } else {
          await this.afterPlan(trx, subject, updated, now);
        }
      },
    );
  }

  /** After the plan (and dry run): wait for approvers, or go. */
  private async afterPlan(
    stores: CloudopsStores,
    subject: RemediationSubject,
    request: RemediationRequest,
    now: Date,
  ): Promise<void> {
    if (request.policy.approvalsRequired > 0) {
      const expiresAt = new Date(
        now.getTime() + this.deps.options.remediation.approvalTimeoutMs,
      );
      await this.move(
        stores,
        subject,
        request,
        'awaiting-approval',
        { approvalExpiresAt: expiresAt },
        now,
        {
          actor: ENGINE_ACTOR,
          note: `${request.executor} ${request.ref} requested by ${
            request.requestedBy
          }; waiting for ${
            request.policy.approvalsRequired
          } approval(s) until ${expiresAt.toISOString()}`,
        },
        'approval-requested',
      );
    } else {
      await this.approve(stores, subject, request, now, ENGINE_ACTOR);
    }
  }

  private async approve(
    stores: CloudopsStores,
    subject: RemediationSubject,
    request: RemediationRequest,
    now: Date,
    actor: string,
  ): Promise<void> {
    await this.move(stores, subject, request, 'approved', {}, now, {
      actor,
      note: request.policy.approvalsRequired
        ? `${request.executor} ${request.ref} approved`
        : `${request.executor} ${
            request.ref
          } needs no approval: ${request.policy.reasons.join('; ')}`,
    });
    await stores.outbox.enqueue(
      [
        this.step(subjectRef(subject), request.executor, request.id, {
          step: 'execute',
        }),
      ],
      now,
    );
  }

  private async execute(
    id: string,
    dryRun: boolean,
    attempt: { signal: AbortSignal; finalAttempt: boolean },
  ): Promise<void> {
    const { stores } = this.deps.database;
    const request = await stores.remediations.get(id);
    if (!request) throw new Error(`Remediation request ${id} is unknown`);
    const expected: RemediationState[] = dryRun
      ? ['dry-run']
      : ['approved', 'executing'];
    if (!expected.includes(request.state)) return; // done by an earlier attempt
    const executor = this.deps.executors.get(request.executor);
    if (!executor)
      throw new Error(
        `No remediation executor "${request.executor}" is installed`,
      );
    const subject = await loadSubject(stores, request);

    if (!dryRun) {
      if (this.deps.options.readOnly) {
        // Read-only mode was turned on after the approval: still nothing mutates.
        await this.finish(request, undefined, false, {
          ...request.policy,
          blockedBy: 'read-only',
          reasons: [
            'read-only mode: remediations do not run',
            ...request.policy.reasons,
          ],
        });
        return;
      }
      const started = await this.deps.changes.run(
        {
          action: 'remediation-execute',
          actor: ENGINE_ACTOR,
          target: id,
          meta: { executor: request.executor, ref: request.ref },
        },
        async trx => {
          const now = new Date();
          const current = await trx.remediations.getForUpdate(id);
          // Only an approved request starts; an executing one was started
          // by an earlier attempt, which this one follows.
          if (current?.state !== 'approved') return current?.state;
          const fresh = await loadSubject(trx, current);
          const closed = whyClosed(fresh);
          if (closed) {
            await this.end(trx, fresh, current, 'cancelled', closed, now);
            return 'cancelled';
          }
          await trx.remediations.transition(
            id,
            ['approved'],
            { state: 'executing' },
            now,
          );
          await this.history(trx, subject, request, {
            type: 'action',
            actor: ENGINE_ACTOR,
            message: `Executing ${request.executor} ${request.ref}`,
            data: { remediationId: id },
            createdAt: now,
          });
          return 'executing';
        },
        state => ({ state: state ?? null }),
      );
      if (started !== 'executing') return;
    }
    const result = await executor.execute({
      requestId: id,
      idempotencyKey: `cloudops-${id}-${dryRun ? 'dry-run' : 'execute'}`,
      ref: request.ref,
      parameters: request.parameters,
      ...runSubject(subject),
      pinned: request.policy.pin,
      dryRun,
      ...attempt,
      progress: async (message, data) => {
        await this.deps.database.transaction(trx =>
          this.history(
            trx,
            subject,
            request,
            {
              type: 'action',
              actor: ENGINE_ACTOR,
              message: `${request.executor} ${request.ref}${
                dryRun ? ' (dry run)' : ''
              }: ${message}`,
              data: { remediationId: id, ...data },
              createdAt: new Date(),
            },
            true,
          ),
        );
      },
    });
    await this.finish(
      request,
      { ...result, finishedAt: new Date().toISOString() },
      dryRun,
    );
  }

  /** Records a dry run's or execution's outcome (or a late block) and moves on. */
  private async finish(
    request: RemediationRequest,
    outcome: RemediationOutcome | undefined,
    dryRun: boolean,
    blockedPolicy?: RemediationRequest['policy'],
  ): Promise<void> {
    let action = dryRun ? 'remediation-dry-run' : 'remediation-outcome';
    if (blockedPolicy) action = 'remediation-policy';
    const done = await this.deps.changes.run(
      {
        action,
        actor: ENGINE_ACTOR,
        target: request.id,
        meta: {
          status: outcome?.status ?? 'blocked',
          executor: request.executor,
          ref: request.ref,
        },
      },
      async stores => {
        const now = new Date();
        const subject = await loadSubject(stores, request);
        const from: RemediationState[] = dryRun
          ? ['dry-run']
          : ['requested', 'approved', 'executing'];
        let state: RemediationState;
        if (blockedPolicy) state = 'blocked';
        else if (outcome?.status === 'failed') state = 'failed';
        else if (dryRun)
          state = request.policy.blockedBy ? 'blocked' : 'awaiting-approval';
        else state = 'succeeded';
        let patch: RemediationPatch = dryRun
          ? { state, dryRun: outcome }
          : { state, outcome };
        if (blockedPolicy) patch = { state, policy: blockedPolicy };
        if (
          !(await stores.remediations.transition(request.id, from, patch, now))
        ) {
          return false;
        }
        const message = blockedPolicy
          ? `Remediation ${request.executor} ${request.ref} blocked: ${blockedPolicy.reasons[0]}`
          : `${dryRun ? 'Dry run of' : 'Remediation'} ${request.executor} ${
              request.ref
            } ${outcome!.status}: ${outcome!.summary}`;
        await this.history(stores, subject, request, {
          type: 'action',
          actor: ENGINE_ACTOR,
          message: blockedPolicy
            ? `Remediation ${request.executor} ${request.ref} blocked: ${blockedPolicy.reasons[0]}`
            : `${dryRun ? 'Dry run of' : 'Remediation'} ${request.executor} ${
                request.ref
              } ${outcome!.status}: ${outcome!.summary}`,
          data: { remediationId: request.id, dryRun, outcome: outcome ?? null },
          createdAt: now,
        });
        const updated = { ...request, ...patch } as RemediationRequest;
        if (dryRun && state === 'awaiting-approval') {
          await this.afterPlan(stores, subject, updated, now);
        } else {
          await followRemediation(stores, request, state, {
            actor: ENGINE_ACTOR,
            note: message,
            at: now,
            data: outcome
              ? {
                  status: outcome.status,
                  executionId: outcome.executionId ?? null,
                  dryRun,
                }
              : { blockedBy: blockedPolicy?.blockedBy ?? null },
          });
          await this.notify(
            stores,
            subject,
            updated,
            'remediation-updated',
            now,
          );
        }
        return !dryRun && !!outcome;
      },
    );
    if (done && outcome) {
      for (const listener of this.listeners) {
        try {
          await listener(request, outcome);
        } catch (error) {
          this.deps.logger.error(`Remediation listener failed: ${error}`);
        }
      }
    }
  }

  /**
   * Moves the request on from the state it was read in, with its ledger and
   * notifications; a ConflictError (rolling the whole change back) when
   * someone else moved it first.
   */
  private async move(
    stores: CloudopsStores,
    subject: RemediationSubject,
    request: RemediationRequest,
    state: RemediationState,
    patch: RemediationPatch,
    now: Date,
    ledger: { actor: string; note: string },
    event: DeliveryEvent = 'remediation-updated',
  ): Promise<void> {
    if (
      !(await stores.remediations.transition(
        request.id,
        [request.state],
        { ...patch, state },
        now,
      ))
    ) {
      throw new ConflictError(
        `Remediation request ${request.id} is no longer ${request.state}; it was not moved to ${state}`,
      );
    }
    await followRemediation(stores, request, state, { ...ledger, at: now });
    await this.notify(stores, subject, { ...request, state }, event, now);
  }

  /**
   * Ends the waits whose approval expired by `now` (the scheduled sweep),
   * up to a batch a run; returns how many ended.
   */
  async endExpiredApprovals(now: Date): Promise<number> {
    const ids =
      await this.deps.database.stores.remediations.listExpiredApprovals(
        now,
        EXPIRY_BATCH,
      );
    let ended = 0;
    for (const id of ids) {
      try {
        if (await this.endWaitIfDue(id, now)) ended++;
      } catch (error) {
        this.deps.logger.warn(
          `Could not end remediation request ${id}, whose approval expired: ${error}`,
        );
      }
    }
    return ended;
  }

  /**
   * Ends a request's wait for approvals when it is over: cancelled when its
   * incident is resolved or its opportunity closed, expired when its
   * approval expiry passed; nothing otherwise. Returns the state it ended in.
   */
  private async endWaitIfDue(
    id: string,
    now: Date,
  ): Promise<RemediationState | undefined> {
    return this.deps.changes.run(
      { action: 'remediation-end', actor: ENGINE_ACTOR, target: id },
      async stores => {
        const request = await stores.remediations.getForUpdate(id);
        if (request?.state !== 'awaiting-approval') return undefined;
        const subject = await loadSubject(stores, request);
        const closed = whyClosed(subject);
        if (closed) {
          await this.end(stores, subject, request, 'cancelled', closed, now);
          return 'cancelled';
        }
        if (!approvalExpired(request, now)) return undefined;
        const approvals = request.decisions.filter(
          d => d.decision === 'approve',
        ).length;
        await this.end(
          stores,
          subject,
          request,
          'expired',
          `approval ended at ${request.approvalExpiresAt} with ${approvals} of ${request.policy.approvalsRequired} approval(s)`,
          now,
        );
        return 'expired';
      },
      state => ({ state: state ?? null }),
    );
  }

  /**
   * Ends a request that will not run, saying why: in its history, first
   * among its policy's reasons, in its ledger and to its channels.
   */
  private async end(
    stores: CloudopsStores,
    subject: RemediationSubject,
    request: RemediationRequest,
    state: 'expired' | 'cancelled',
    reason: string,
    now: Date,
  ): Promise<void> {
    const message = `Remediation ${request.executor} ${request.ref} ${state}: ${reason}`;
    await this.history(stores, subject, request, {
      type: 'action',
      actor: ENGINE_ACTOR,
      message,
      data: { remediationId: request.id, reason },
      createdAt: now,
    });
    await this.move(
      stores,
      subject,
      request,
      state,
      {
        policy: {
          ...request.policy,
          reasons: [reason, ...request.policy.reasons],
        },
      },
      now,
      { actor: ENGINE_ACTOR, note: message },
    );
  }

  /**
   * Records a line of the request's history: on the incident's timeline; for
   * an opportunity, whose ledger holds only state changes, a `progress` line
   * goes to the audit log (the rest is audited already).
   */
  private async history(
    stores: CloudopsStores,
    subject: RemediationSubject,
    request: Pick<RemediationRequest, 'id'>,
    line: HistoryLine,
    progress = false,
  ): Promise<void> {
    if (subject.kind === 'incident') {
      await stores.incidents.appendEvent(subject.incident.id, line);
    } else if (progress) {
      await stores.audit.append(
        {
          action: 'remediation-progress',
          actor: line.actor,
          target: request.id,
          outcome: 'succeeded',
          meta: {
            opportunityId: subject.opportunity.id,
            message: line.message,
            ...line.data,
          },
        },
        line.createdAt,
      );
    }
  }

  /**
   * Tells the incident's notification channels about the request. An
   * opportunity's request has no incident channels: its approvers decide in
   * the portal (or through the API).
   */
  private async notify(
    stores: CloudopsStores,
    subject: RemediationSubject,
    request: RemediationRequest,
    event: DeliveryEvent,
    now: Date,
  ): Promise<void> {
    if (subject.kind !== 'incident') return;
    const { incident } = subject;
    const entity = incident.entityRef
      ? this.deps.catalog.index.get(incident.entityRef)
      : undefined;
    const { deliveries } = this.deps.router.route(incident, entity);
    await stores.outbox.enqueue(
      deliveries
        .filter(d => d.kind === 'notify')
        .map(d => ({
          incidentId: incident.id,
          kind: 'notify' as const,
          channel: d.channel,
          target: d.target,
          event,
          payload: { remediationId: request.id },
          maxAttempts: this.deps.options.delivery.maxAttempts,
        })),
      now,
    );
  }

  private async create(
    stores: CloudopsStores,
    subject: RemediationSubject,
    id: string,
    spec: RequestedRemediation,
  ): Promise<RemediationRequest> {
    const now = new Date();
    const created = await stores.remediations.create(
      {
        ...subjectRef(subject),
        ruleId: spec.ruleId,
        executor: spec.executor,
        ref: spec.ref,
        parameters: spec.parameters,
        requestedBy: spec.requestedBy,
        state: 'requested',
        severity:
          subject.kind === 'incident' ? subject.incident.severity : 'info',
        policy: { approvalsRequired: 0, reasons: [], targets: [] },
      },
      now,
      id,
    );
    await this.history(stores, subject, created, {
      type: 'action',
      actor: spec.requestedBy,
      message: `Remediation ${spec.executor} ${spec.ref} requested by ${
        spec.ruleId ? `rule ${spec.ruleId}` : spec.requestedBy
      }`,
      data: { remediationId: id, executor: spec.executor, ref: spec.ref },
      createdAt: now,
    });
    return created;
  }

  private step(
    subject: SubjectRef,
    executor: string,
    remediationId: string,
    payload: Omit<NewDelivery['payload'], 'remediationId'>,
  ): NewDelivery {
    return {
      incidentId: subject.incidentId,
      kind: 'remediate',
      channel: executor,
      target: remediationId,
      event: 'remediation-step',
      payload: { ...payload, remediationId },
      maxAttempts: this.deps.options.delivery.maxAttempts,
    };
  }
}

function checkUuid(id: string): string {
  if (!isUuid(id)) throw new NotFoundError(`No such id ${id}`);
  return id;
}
