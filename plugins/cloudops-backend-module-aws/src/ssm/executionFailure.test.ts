import { executionSummary, failureNote } from './executionFailure';

describe('executionFailure', () => {
  const quoted =
    'Step fails when it is Execution complete. Fail Reason: An error occurred (InvalidInstanceID.NotFound) when calling the RebootInstances operation: The instance ID i-0abc does not exist in 111111111111';

  it("names the AWS error SSM's failure message quotes, never the message", () => {
    expect(failureNote(quoted)).toBe(
      ": InvalidInstanceID.NotFound, see the backend's log for SSM's message",
    );
    expect(failureNote('Step timed out for arn:aws:iam::111111111111:x')).toBe(
      ": see the backend's log for SSM's message",
    );
    expect(failureNote(undefined)).toBe('');
  });

  it('sums up an execution by its status and the step that failed or timed out', () => {
    expect(
      executionSummary('e-1', {
        AutomationExecutionStatus: 'TimedOut',
        FailureMessage: quoted,
        StepExecutions: [
          {
            StepName: 'stop',
            Action: 'aws:executeAwsApi',
            StepStatus: 'Success',
          },
          {
            StepName: 'wait',
            Action: 'aws:waitForAwsResourceProperty',
            StepStatus: 'TimedOut',
          },
        ],
      }),
    ).toBe(
      "automation execution e-1 ended TimedOut at step wait (aws:waitForAwsResourceProperty): InvalidInstanceID.NotFound, see the backend's log for SSM's message",
    );
    expect(
      executionSummary('e-2', { AutomationExecutionStatus: 'Success' }),
    ).toBe('automation execution e-2 ended Success');
  });
});
