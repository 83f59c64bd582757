import { setTimeout as sleep } from 'node:timers/promises';
import {
  AutomationExecution,
  DescribeDocumentCommand,
  DocumentDescription,
  GetAutomationExecutionCommand,
  SSMClient,
  StartAutomationExecutionCommand,
  StopAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  CloudopsRemediationExecutor,
  DeliveryError,
  RemediationPlan,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { RemediationOutcome } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { v5 as uuidv5 } from 'uuid';
import { AwsCallError, AwsClients } from '../clients/AwsClients';
import { asRedactedDeliveryError } from '../clients/deliveryErrors';
import { AwsModuleOptions } from '../options';
import { checkDocumentAllowed } from './allowedDocuments';
import {
  planOf,
  prepareParameters,
  toAutomationParameters,
} from './automationParameters';
import {
  checkPinnedContent,
  DOCUMENT_GONE,
  pinnedVersionGone,
  pinnedVersionOf,
  pinOf,
} from './documentPin';
import { executionSummary, failureNote, stepName } from './executionFailure';
import { RemediationAwsTarget, RemediationTargets } from './remediationTarget';

/** The executor's id: rules and the scaffolder's templates name it. */
export const SSM_AUTOMATION_EXECUTOR_ID = 'aws-ssm-automation';

/** How long stopping an execution may take once the run gave up on it. */
const STOP_TIMEOUT_MS = 10_000;

/** The namespace of client tokens: UUIDv5 of a run's idempotency key. */
const CLIENT_TOKEN_NAMESPACE = '1f7ab0bf-156c-4b3f-8500-d34704dcfa67';

const SUCCEEDED = new Set(['Success', 'CompletedWithSuccess']);
const FAILED = new Set([
  'Failed',
  'TimedOut',
  'Cancelled',
  'Rejected',
  'CompletedWithFailure',
  'ChangeCalendarOverrideRejected',
  'Exited',
]);
const STEP_ENDED = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled']);

/** AWS errors that another attempt cannot fix. */
const PERMANENT = new Set([
  ...DOCUMENT_GONE,
  'InvalidAutomationExecutionParametersException',
  'IdempotentParameterMismatch',
  'ValidationException',
  'AccessDeniedException',
  // STS refusing the remediation role, or its policy refusing the call.
  'AccessDenied',
]);

/** A failure no other attempt can get past: the step gives up on it. */
function isPermanent(error: unknown): boolean {
  return error instanceof DeliveryError && !error.retryable;
}

/** An error's message, for our own text (AWS's messages never reach it). */
function reasonOf(error: unknown): string {
  return isError(error) ? error.message : String(error);
}

/** The SSM client token of a run: the same for every attempt of one step. */
export function clientTokenOf(idempotencyKey: string): string {
  return uuidv5(idempotencyKey, CLIENT_TOKEN_NAMESPACE);
}

type SsmOptions = NonNullable<AwsModuleOptions['ssm']>;

/**
 * Remediation through AWS Systems Manager Automation (`aws-ssm-automation`):
 * `ref` names the document (one whose name starts with an allowed prefix,
 * `documentPrefixes`, checked when planning and again when running),
 * `parameters` are its parameters (strings or lists of strings), and it
 * runs in the account and region of the run's scope (its incident's or
 * savings opportunity's) with the remediation role. `plan` describes the
 * document (what it touches, its `cloudops:cost-impact` tag) and pins its
 * version and that version's content hash (`documentVersion`,
 * `documentHash`); the dry run and the execution use that version, not the
 * default one at the time, and fail for good (not retried) when it no
 * longer exists or its content changed: what runs is what was approved.
 * `execute` starts it with a client token derived from the run's
 * idempotency key, so a retried step follows the execution the first
 * attempt started instead of starting another, then polls it with backoff
 * until it ends, putting each finished step and its outputs on the
 * incident's timeline (or the opportunity request's history).
 * When following ends before the execution does on the step's last attempt
 * (it timed out, SSM kept failing) or for good, the execution is stopped
 * (`StopAutomationExecution`, best effort), so a failed request leaves no
 * automation running; an earlier attempt leaves it to the retry.
 *
 * Dry run: a document that declares the dry-run parameter (`DryRun` by
 * default) is started with it set to `true`; any other document is only
 * checked (it exists, is an Automation document, and takes the parameters),
 * and nothing is started.
 *
 * Outcomes and the timeline name AWS's error codes, never AWS's messages
 * (they can name accounts, ARNs and roles): those go to the log (warn).
 */
export class SsmAutomationExecutor implements CloudopsRemediationExecutor {
  readonly id = SSM_AUTOMATION_EXECUTOR_ID;
  readonly supportsDryRun = true;

  constructor(
    private readonly deps: {
      clients: AwsClients;
      targets: RemediationTargets;
      options: SsmOptions;
      logger: LoggerService;
    },
  ) {}

  async plan(
    run: Omit<
      RemediationRun,
      'dryRun' | 'idempotencyKey' | 'progress' | 'pinned'
    >,
  ): Promise<RemediationPlan> {
    const { target, document, parameters } = await this.prepare(run);
    return { ...planOf(document, parameters, target), ...pinOf(document) };
  }

  async execute(
    run: RemediationRun,
  ): Promise<Omit<RemediationOutcome, 'finishedAt'>> {
    const { target, document, parameters, version } = await this.prepare(run);
    const { dryRunParameter } = this.deps.options;
    const where = `${target.account} ${target.region}`;
    if (run.dryRun) {
      if (!document.Parameters?.some(p => p.Name === dryRunParameter)) {
        return {
          status: 'succeeded',
          summary: `checked without running: ${document.Name} (version ${document.DocumentVersion}) exists in ${where} and takes these parameters; it declares no ${dryRunParameter} parameter, so nothing was started`,
          outputs: {
            document: document.Name,
            documentVersion: document.DocumentVersion,
            account: target.account,
            region: target.region,
            parameters,
            started: false,
          },
        };
      }
      parameters[dryRunParameter] = ['true'];
    }

    const { AutomationExecutionId: id } = await this.call(
      target,
      'StartAutomationExecution',
      client =>
        client.send(
          new StartAutomationExecutionCommand({
            DocumentName: run.ref,
            DocumentVersion: version,
            Parameters: parameters,
            ClientToken: clientTokenOf(run.idempotencyKey),
          }),
          { abortSignal: run.signal },
        ),
      run.signal,
      { document: run.ref, version },
    );
    if (!id) throw new DeliveryError('SSM returned no automation execution id');
    await run.progress(`following automation execution ${id} in ${where}`, {
      automationExecutionId: id,
      account: target.account,
      region: target.region,
    });
    const execution = await this.follow(target, id, run).catch(async error => {
      if (run.finalAttempt || isPermanent(error)) {
        await this.stop(target, id, run, error);
      }
      throw error;
    });
    const status = execution.AutomationExecutionStatus ?? 'Unknown';
    if (execution.FailureMessage) {
      this.deps.logger.warn(
        `SSM automation execution ${id} in ${where} ended ${status}: ${execution.FailureMessage}`,
      );
    }
    return {
      status: SUCCEEDED.has(status) ? 'succeeded' : 'failed',
      summary: executionSummary(id, execution),
      executionId: id,
      outputs: {
        ...execution.Outputs,
        automationExecution: {
          id,
          status,
          document: run.ref,
          documentVersion: document.DocumentVersion,
          account: target.account,
          region: target.region,
          dryRun: run.dryRun,
        },
      },
    };
  }

  /** Polls an execution until it ends, reporting steps as they end. */
  private async follow(
    target: RemediationAwsTarget,
    id: string,
    run: RemediationRun,
  ): Promise<AutomationExecution> {
    const reported = new Set<string>();
    let waitMs = this.deps.options.pollIntervalMs;
    for (;;) {
      const { AutomationExecution: execution } = await this.call(
        target,
        'GetAutomationExecution',
        client =>
          client.send(
            new GetAutomationExecutionCommand({ AutomationExecutionId: id }),
            { abortSignal: run.signal },
          ),
        run.signal,
      );
      if (!execution) throw new DeliveryError(`SSM lost execution ${id}`);
      for (const step of execution.StepExecutions ?? []) {
        const key = step.StepExecutionId ?? step.StepName ?? '';
        if (!STEP_ENDED.has(step.StepStatus ?? '') || reported.has(key)) {
          continue;
        }
        reported.add(key);
        if (step.FailureMessage) {
          this.deps.logger.warn(
            `SSM automation execution ${id} in ${target.account} ${target.region}: step ${step.StepName} ${step.StepStatus}: ${step.FailureMessage}`,
          );
        }
        await run.progress(
          `step ${stepName(step)} ${step.StepStatus}${failureNote(
            step.FailureMessage,
          )}`,
          {
            automationExecutionId: id,
            step: step.StepName,
            status: step.StepStatus,
            outputs: step.Outputs ?? {},
          },
        );
      }
      const status = execution.AutomationExecutionStatus ?? '';
      if (SUCCEEDED.has(status) || FAILED.has(status)) return execution;
      await sleep(waitMs, undefined, { signal: run.signal });
      waitMs = Math.min(waitMs * 2, this.deps.options.maxPollIntervalMs);
    }
  }

  /**
   * Stops an execution the run gives up following, with its own deadline
   * (the run's signal may have aborted already), and says so on the
   * timeline. Never throws: the run's own error is what the step fails with.
   */
  private async stop(
    target: RemediationAwsTarget,
    id: string,
    run: RemediationRun,
    why: unknown,
  ): Promise<void> {
    const where = `${target.account} ${target.region}`;
    const signal = AbortSignal.timeout(STOP_TIMEOUT_MS);
    const reason = run.signal.aborted ? 'its time ran out' : reasonOf(why);
    let message: string;
    try {
      await this.call(
        target,
        'StopAutomationExecution',
        client =>
          client.send(
            new StopAutomationExecutionCommand({
              AutomationExecutionId: id,
              Type: 'Cancel',
            }),
            { abortSignal: signal },
          ),
        signal,
      );
      message = `stopped automation execution ${id} in ${where}: the step gave up following it (${reason})`;
    } catch (error) {
      message = `could not stop automation execution ${id} in ${where}, which may still be running: ${reasonOf(
        error,
      )}`;
    }
    await run
      .progress(message, {
        automationExecutionId: id,
        account: target.account,
        region: target.region,
      })
      .catch(() => {});
  }

  /**
   * Checks the run may use its document, resolves where it acts, describes
   * the document (the pinned version, else the default one; checking the
   * pinned content) and checks its parameters; `version` is the pinned
   * version, if any.
   */
  private async prepare(
    run: Pick<
      RemediationRun,
      | 'ref'
      | 'parameters'
      | 'scope'
      | 'incident'
      | 'opportunity'
      | 'signal'
      | 'pinned'
    >,
  ): Promise<{
    target: RemediationAwsTarget;
    document: DocumentDescription;
    parameters: Record<string, string[]>;
    version?: string;
  }> {
    checkDocumentAllowed(run.ref, this.deps.options.documentPrefixes);
    const requested = toAutomationParameters(run.ref, run.parameters);
    const target = await this.deps.targets.resolve(run);
    const version = pinnedVersionOf(run);
    const { Document: document } = await this.call(
      target,
      'DescribeDocument',
      client =>
        client.send(
          new DescribeDocumentCommand({
            Name: run.ref,
            DocumentVersion: version,
          }),
          { abortSignal: run.signal },
        ),
      run.signal,
      { document: run.ref, version },
    );
    if (document) checkPinnedContent(run, document, target);
    if (!document || document.DocumentType !== 'Automation') {
      throw new DeliveryError(
        `${run.ref} in ${target.account} ${target.region} is ${
          document ? `a ${document.DocumentType} document` : 'not a document'
        }, not an Automation document`,
        { retryable: false },
      );
    }
    const automationRole = `arn:aws:iam::${target.account}:role/${this.deps.options.automationRoleName}`;
    return {
      target,
      document,
      parameters: prepareParameters(document, requested, automationRole),
      version,
    };
  }

  /**
   * One SSM call (`operation`) with the remediation role; AWS's refusals
   * are permanent, and a call about a pinned version says when that version
   * is gone. AWS's message is logged; the error says what failed by code.
   */
  private async call<T>(
    target: RemediationAwsTarget,
    operation: string,
    fn: (client: SSMClient) => Promise<T>,
    signal: AbortSignal,
    pinned?: { document: string; version?: string },
  ): Promise<T> {
    try {
      return await this.deps.clients.call(target, SSMClient, fn, signal);
    } catch (error) {
      if (error instanceof AwsCallError) {
        this.deps.logger.warn(`SSM ${operation} failed: ${error.message}`);
      }
      throw (
        (pinned && pinnedVersionGone(error, pinned.document, pinned.version)) ??
        asRedactedDeliveryError('SSM', operation, error, PERMANENT)
      );
    }
  }
}
