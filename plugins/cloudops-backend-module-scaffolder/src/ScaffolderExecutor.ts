import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { JsonObject } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RemediationOutcome } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsRemediationExecutor,
  DeliveryError,
  RemediationPlan,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ScaffolderTasks, ScaffolderTaskEvent } from './ScaffolderTasks';
import { TaskClaims } from './TaskClaims';
import { SubjectIds, templateValues } from './templateValues';

/** The executor's id: rules and requests name it (`remediate: {executor: scaffolder}`). */
export const SCAFFOLDER_EXECUTOR_ID = 'scaffolder';

/** The template annotation that says what running it does to cost. */
export const COST_IMPACT_ANNOTATION = 'cloudops.ai/cost-impact';

/** Who the scaffolder sees as the task's creator. */
const RUNS_AS = 'plugin:cloudops';

const COST_IMPACTS = new Set(['increase', 'neutral', 'decrease']);

type Outcome = Omit<RemediationOutcome, 'finishedAt'>;
type PlanRun = Omit<RemediationRun, 'dryRun' | 'idempotencyKey' | 'progress'>;

/** The ids a run's template may take: its incident's or its opportunity's. */
function subjectOf(run: PlanRun): SubjectIds {
  return { incidentId: run.incident?.id, opportunityId: run.opportunity?.id };
}

/**
 * Remediation by Software Template (`scaffolder`): `ref` is a Template
 * entity ref (`template:default/cloudops-restart-deployment`), `parameters`
 * are the template's values, with the incident's id as `incidentId` (or the
 * savings opportunity's as `opportunityId`) when the template declares it.
 * `plan` reads the template from the catalog;
 * `execute` starts a scaffolder task through the scaffolder's API as the
 * cloudops plugin (a service principal: the task has no user), reports each
 * step on the incident's timeline (or the opportunity's audit) and waits for the task to end. A dry run
 * is the scaffolder's dry run: only actions that support it run.
 *
 * One task per remediation step: the step's idempotency key is claimed
 * before the task starts and the task id recorded right after, so a retried
 * step follows the first attempt's task.
 */
export class ScaffolderExecutor implements CloudopsRemediationExecutor {
  readonly id = SCAFFOLDER_EXECUTOR_ID;
  readonly supportsDryRun = true;

  constructor(
    private readonly deps: {
      auth: AuthService;
      catalog: CatalogService;
      tasks: ScaffolderTasks;
      claims: TaskClaims;
    },
  ) {}

  async plan(run: PlanRun): Promise<RemediationPlan> {
    const template = await this.template(run.ref);
    const { missing } = templateValues(
      template,
      run.parameters,
      subjectOf(run),
    );
    const annotated =
      template.metadata.annotations?.[COST_IMPACT_ANNOTATION] ?? '';
    const steps = templateSteps(template);
    const title = template.metadata.title ?? template.metadata.name;
    return {
      targets: [
        stringifyEntityRef(template),
        ...(run.scope.entityRef ? [run.scope.entityRef] : []),
      ],
      costImpact: COST_IMPACTS.has(annotated)
        ? (annotated as RemediationPlan['costImpact'])
        : 'unknown',
      summary: missing.length
        ? `cannot run ${title}: it requires ${missing.join(', ')}`
        : `runs the template ${title}: ${steps
            .map(step => step.name)
            .join(', ')}`,
    };
  }

  async execute(run: RemediationRun): Promise<Outcome> {
    const template = await this.template(run.ref);
    const templateRef = stringifyEntityRef(template);
    const { values, missing } = templateValues(
      template,
      run.parameters,
      subjectOf(run),
    );
    if (missing.length) {
      return {
        status: 'failed',
        summary: `${templateRef} requires ${missing.join(
          ', ',
        )}; give them as the remediation's parameters`,
        outputs: { templateRef },
      };
    }
    if (run.dryRun) {
      return this.dryRun(template, values, run);
    }
    const task = await this.start(templateRef, values, run);
    if (!task.started) {
      return {
        status: 'failed',
        summary: task.problem,
        outputs: { templateRef },
      };
    }
    return this.follow(template, task.id, run);
  }

  /** Starts the step's task, or finds the one an earlier attempt started. */
  private async start(
    templateRef: string,
    values: JsonObject,
    run: RemediationRun,
  ): Promise<
    { started: true; id: string } | { started: false; problem: string }
  > {
    const { claims, tasks } = this.deps;
    const claim = await claims.claim(run.idempotencyKey, templateRef);
    if (claim.state === 'started') {
      await run.progress(
        `following task ${claim.taskId}, started by an earlier attempt`,
        { taskId: claim.taskId },
      );
      return { started: true, id: claim.taskId };
    }
    if (claim.state === 'unknown') {
      return {
        started: false,
        problem: `an earlier attempt of this step began starting a task of ${templateRef} at ${claim.claimedAt.toISOString()} and ended before the scaffolder answered; it may be running, so no second task is started (look for it among the scaffolder's tasks of that template created by no user)`,
      };
    }
    let id: string;
    try {
      id = await tasks.create(templateRef, values, run.signal);
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode < 500) {
        // The scaffolder refused it: no task exists, a retry may start one.
        await claims.release(run.idempotencyKey);
        throw new DeliveryError(
          `The scaffolder refused a task of ${templateRef}: ${error.message}`,
          { retryable: false },
        );
      }
      throw error;
    }
    await claims.started(run.idempotencyKey, id);
    await run.progress(
      `task ${id} of ${templateRef} started as ${RUNS_AS} (the scaffolder records no user for it)`,
      { taskId: id, runsAs: RUNS_AS },
    );
    return { started: true, id };
  }

  /** Reports the task's steps as they change and waits for it to end. */
  private async follow(
    template: Entity,
    taskId: string,
    run: RemediationRun,
  ): Promise<Outcome> {
    const { tasks } = this.deps;
    const names = new Map(templateSteps(template).map(s => [s.id, s.name]));
    const reported = new Map<string, string>();
    let after: number | undefined;
    let completion: ScaffolderTaskEvent | undefined;
    // The scaffolder ends every task (done, failed, cancelled, abandoned)
    // with a completion event; an empty answer means nothing happened for
    // 30 seconds.
    while (!completion) {
      run.signal.throwIfAborted();
      const events = await tasks.events(taskId, after, run.signal);
      for (const event of events) {
        after = event.id;
        const { stepId, status } = event.body;
        if (event.type === 'completion') {
          completion = event;
        } else if (stepId && status && reported.get(stepId) !== status) {
          reported.set(stepId, status);
          await run.progress(`step ${names.get(stepId) ?? stepId}: ${status}`, {
            taskId,
            stepId,
            status,
          });
        }
      }
    }
    const task = await tasks.get(taskId, run.signal);
    const templateRef = stringifyEntityRef(template);
    const outputs = {
      taskId,
      templateRef,
      runsAs: RUNS_AS,
      createdBy: task.createdBy ?? null,
      steps: Object.fromEntries(reported),
      output: completion.body.output ?? {},
    };
    if (task.status === 'completed') {
      return {
        status: 'succeeded',
        summary: `task ${taskId} of ${templateRef} completed`,
        outputs,
      };
    }
    const error = completion.body.error?.message ?? completion.body.message;
    return {
      status: 'failed',
      summary: `task ${taskId} of ${templateRef} ${task.status}${
        error ? `: ${error}` : ''
      }`,
      outputs,
    };
  }

  private async dryRun(
    template: Entity,
    values: JsonObject,
    run: RemediationRun,
  ): Promise<Outcome> {
    const templateRef = stringifyEntityRef(template);
    const { apiVersion, kind, metadata, spec } = template;
    try {
      const result = await this.deps.tasks.dryRun(
        { apiVersion, kind, metadata, spec } as JsonObject,
        values,
        run.signal,
      );
      const steps = [
        ...new Set(result.log.flatMap(entry => entry.body.stepId ?? [])),
      ];
      return {
        status: 'succeeded',
        summary: `dry run of ${templateRef} passed (${steps.length} step(s) ran in dry-run mode)`,
        outputs: {
          templateRef,
          output: result.output,
          log: result.log.map(entry => entry.body.message ?? ''),
        },
      };
    } catch (error) {
      if (error instanceof ResponseError) {
        return {
          status: 'failed',
          summary: `dry run of ${templateRef} failed: ${error.message}`,
          outputs: { templateRef },
        };
      }
      throw error;
    }
  }

  /** The Template entity `ref` names, from the catalog. */
  private async template(ref: string): Promise<Entity> {
    let name;
    try {
      name = parseEntityRef(ref, {
        defaultKind: 'template',
        defaultNamespace: 'default',
      });
    } catch (error) {
      throw new DeliveryError(
        `"${ref}" is not a template entity ref such as template:default/cloudops-restart-deployment: ${
          (error as Error).message
        }`,
        { retryable: false },
      );
    }
    if (name.kind.toLocaleLowerCase('en-US') !== 'template') {
      throw new DeliveryError(
        `"${ref}" names a ${name.kind}; the scaffolder executor runs Template entities`,
        { retryable: false },
      );
    }
    const entity = await this.deps.catalog.getEntityByRef(name, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    if (!entity) {
      throw new DeliveryError(
        `There is no template ${stringifyEntityRef(
          name,
        )} in the catalog (register it, or name another in the rule or request)`,
        { retryable: false },
      );
    }
    return entity;
  }
}

/** The steps of a template, with the ids and names the scaffolder gives them. */
function templateSteps(template: Entity): Array<{ id: string; name: string }> {
  const steps =
    (
      template.spec as {
        steps?: Array<{ id?: string; name?: string; action?: string }>;
      }
    )?.steps ?? [];
  return steps.map((step, index) => ({
    id: step.id ?? `step-${index + 1}`,
    name: step.name ?? step.action ?? `step ${index + 1}`,
  }));
}
