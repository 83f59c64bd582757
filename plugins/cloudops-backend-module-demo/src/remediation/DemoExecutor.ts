import { RemediationOutcome } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsRemediationExecutor,
  RemediationPlan,
  RemediationRun,
  RunbookLibrary,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DemoFleet } from '../fleet/DemoFleet';
import { isActive, Scenario } from '../scenarios/scenario';
import { kindInfo } from '../scenarios/scenarioKinds';
import { KNOWN_ACTIONS, operationOf, OperationInfo } from './fleetOperations';

/** The executor's id: rules and requests name it (`remediate: {executor: demo}`). */
export const DEMO_EXECUTOR_ID = 'demo';

/** Reads the root cause the RCA found for an incident. */
export interface RootCauses {
  topCause(
    incidentId: string,
    signal: AbortSignal,
  ): Promise<string | undefined>;
}

interface Resolved {
  target: string;
  info?: OperationInfo;
  /** Why the request cannot run, when it cannot. */
  problem?: string;
}

/**
 * Runs runbook actions against the simulated fleet, as the SSM Automation
 * or Kubernetes executors do against a real one: `ref` is a runbook id from
 * `cloudops.rca.runbooks` (or an action type such as
 * `kubernetes.rollout-restart`), `parameters.target` the entity to act on
 * (default: the incident's RCA top cause, else the entity of the run's
 * scope, an incident's or a savings opportunity's). Running it ends
 * the injected faults on the target that the operation cures (a restart
 * ends a memory leak but not a bad release); the signals then recover and
 * the rules resolve the incident. Policy and approvals apply as to any
 * executor: it reports its targets and cost impact (scaling out raises
 * cost) and has a dry run that changes nothing.
 */
export class DemoExecutor implements CloudopsRemediationExecutor {
  readonly id = DEMO_EXECUTOR_ID;
  readonly supportsDryRun = true;

  constructor(
    private readonly deps: {
      fleet: DemoFleet;
      runbooks: RunbookLibrary;
      rootCauses: RootCauses;
    },
  ) {}

  async plan(
    run: Omit<RemediationRun, 'dryRun' | 'idempotencyKey' | 'progress'>,
  ): Promise<RemediationPlan> {
    const resolved = await this.resolve(run);
    return {
      targets: [resolved.target],
      costImpact: resolved.info?.costImpact ?? 'unknown',
      summary: resolved.problem
        ? `cannot run: ${resolved.problem}`
        : `${resolved.info!.operation} ${resolved.target} in the demo fleet`,
    };
  }

  async execute(
    run: RemediationRun,
  ): Promise<Omit<RemediationOutcome, 'finishedAt'>> {
    const { fleet } = this.deps;
    const resolved = await this.resolve(run);
    if (resolved.problem || !resolved.info) {
      return {
        status: 'failed',
        summary: resolved.problem ?? 'nothing to run',
        outputs: {},
      };
    }
    const { target, info } = resolved;
    const now = fleet.clock.now();
    const active = (await fleet.scenarios.overlapping(now, now)).filter(
      s => s.target === target && isActive(s, now),
    );
    const cured = active.filter(s =>
      kindInfo(s.kind).fixedBy.includes(info.operation),
    );
    const remaining = active.filter(s => !cured.includes(s));
    const describe = (list: Scenario[]) =>
      list.map(s => `${s.kind} (${s.id})`).join(', ');

    if (run.dryRun) {
      return {
        status: 'succeeded',
        summary: `would have ${info.done} ${target}${
          cured.length ? `, ending ${describe(cured)}` : ''
        }${
          remaining.length ? `; it would not end ${describe(remaining)}` : ''
        }`,
        outputs: {
          target,
          operation: info.operation,
          wouldEnd: cured.map(s => s.id),
        },
      };
    }

    await run.progress(`${info.operation} of ${target} started`, { target });
    const ended: Scenario[] = [];
    for (const scenario of cured) {
      const done = await fleet.scenarios.end(
        scenario.id,
        now,
        `remediation ${run.requestId} (${info.operation})`,
      );
      if (done) ended.push(done);
    }
    const outputs = {
      target,
      operation: info.operation,
      ended: ended.map(s => s.id),
      stillRunning: remaining.map(s => s.id),
    };
    if (ended.length === 0 && remaining.length > 0) {
      return {
        status: 'failed',
        summary: `${info.done} ${target}, but that does not end ${describe(
          remaining,
        )}`,
        outputs,
      };
    }
    return {
      status: 'succeeded',
      summary: ended.length
        ? `${info.done} ${target}: ended ${describe(ended)}${
            remaining.length ? `; still running: ${describe(remaining)}` : ''
          }`
        : `${info.done} ${target}; no injected fault was running on it`,
      outputs,
    };
  }

  /** The target and the operation of a request, or why it cannot run. */
  private async resolve(
    run: Pick<
      RemediationRun,
      'ref' | 'parameters' | 'scope' | 'incident' | 'signal'
    >,
  ): Promise<Resolved> {
    const given = run.parameters.target;
    const target =
      (typeof given === 'string' && given) ||
      (run.incident &&
        (await this.deps.rootCauses.topCause(run.incident.id, run.signal))) ||
      run.scope.entityRef ||
      '(no entity)';
    const runbook = (await this.deps.runbooks.runbooks()).find(
      r => r.id === run.ref,
    );
    const action = runbook?.action ?? {
      type: run.ref,
      params: run.parameters,
    };
    const info = operationOf(action);
    if (!info) {
      return {
        target,
        problem: runbook
          ? `runbook ${run.ref} runs ${
              action.type
            }, which the demo fleet cannot simulate (it can: ${KNOWN_ACTIONS.join(
              ', ',
            )})`
          : `"${
              run.ref
            }" is neither a runbook in cloudops.rca.runbooks nor an action the demo fleet can run (${KNOWN_ACTIONS.join(
              ', ',
            )})`,
      };
    }
    const service = this.deps.fleet.service(target);
    if (!service) {
      return {
        target,
        info,
        problem: `${target} is not part of the demo fleet`,
      };
    }
    if (!info.runtimes.includes(service.runtime.type)) {
      return {
        target,
        info,
        problem: `cannot ${info.operation} ${target}: it is ${
          service.runtime.type === 'cluster'
            ? 'a cluster'
            : `a ${service.runtime.type} resource`
        }, and ${info.operation} works on ${info.runtimes.join(', ')}`,
      };
    }
    return { target, info };
  }
}
