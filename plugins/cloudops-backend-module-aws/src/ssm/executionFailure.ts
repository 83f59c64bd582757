import { AutomationExecution, StepExecution } from '@aws-sdk/client-ssm';

/** The AWS error SSM's failure message quotes: `An error occurred (Code) …`. */
const QUOTED_ERROR = /An error occurred \(([\w.]+)\)/;

/**
 * What the timeline and the outcome say of SSM's failure message of an
 * execution or a step: the code of the AWS error it quotes, if any, and
 * where the message is, not the message itself (it quotes AWS's, which can
 * name accounts, ARNs and roles); empty without one.
 */
export function failureNote(message: string | undefined): string {
  if (!message) return '';
  const code = QUOTED_ERROR.exec(message)?.[1];
  return `: ${code ? `${code}, ` : ''}see the backend's log for SSM's message`;
}

/** A step as the timeline names it: `reboot (aws:executeAwsApi)`. */
export function stepName(step: StepExecution): string {
  return `${step.StepName} (${step.Action})`;
}

/**
 * The outcome's summary of an execution that ended: its status and, when
 * it failed, the step that failed and the failure's code.
 */
export function executionSummary(
  id: string,
  execution: AutomationExecution,
): string {
  const status = execution.AutomationExecutionStatus ?? 'Unknown';
  const failed = execution.StepExecutions?.find(
    step => step.StepStatus === 'Failed' || step.StepStatus === 'TimedOut',
  );
  return `automation execution ${id} ended ${status}${
    failed ? ` at step ${stepName(failed)}` : ''
  }${failureNote(execution.FailureMessage)}`;
}
