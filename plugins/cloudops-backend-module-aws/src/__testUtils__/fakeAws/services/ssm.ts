import { randomUUID } from 'node:crypto';
import { invalid, required } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';

/** An SSM Automation execution as the fake keeps it. */
export interface FakeAutomationExecution {
  AutomationExecutionId: string;
  account: string;
  region: string;
  DocumentName: string;
  Parameters: Record<string, string[]>;
  AutomationExecutionStatus:
    | 'Pending'
    | 'InProgress'
    | 'Success'
    | 'Failed'
    | 'Cancelled';
  ExecutionStartTime: Date;
  ExecutionEndTime?: Date;
  FailureMessage?: string;
  polls: number;
}

/**
 * AWS Systems Manager (JSON 1.1): Automation documents and executions.
 * Executions of a known document go InProgress, then end as `outcome`
 * decides after `pollsUntilDone` GetAutomationExecution calls.
 */
export class FakeSsm {
  /** Documents that exist, by `account|region|name`. */
  readonly documents = new Set<string>();
  readonly executions = new Map<string, FakeAutomationExecution>();
  pollsUntilDone = 1;
  outcome: (execution: FakeAutomationExecution) => 'Success' | 'Failed' = () =>
    'Success';

  addDocument(account: string, region: string, name: string) {
    this.documents.add(`${account}|${region}|${name}`);
  }

  private execution(id: string, account: string) {
    const execution = this.executions.get(id);
    if (!execution || execution.account !== account) {
      throw invalid(
        'AutomationExecutionNotFoundException',
        `Automation execution ${id} does not exist`,
      );
    }
    return execution;
  }

  readonly service = awsJsonService({
    signingName: 'ssm',
    iamPrefix: 'ssm',
    targetPrefix: 'AmazonSSM',
    version: '1.1',
    errorNamespace: 'com.amazonaws.ssm',
    operations: {
      StartAutomationExecution: (input, context) => {
        const name = required(input.DocumentName, 'documentName');
        if (
          !this.documents.has(`${context.accountId}|${context.region}|${name}`)
        ) {
          throw invalid('InvalidDocument', `Document ${name} does not exist`);
        }
        const id = randomUUID();
        this.executions.set(id, {
          AutomationExecutionId: id,
          account: context.accountId,
          region: context.region,
          DocumentName: name,
          Parameters: input.Parameters ?? {},
          AutomationExecutionStatus: 'InProgress',
          ExecutionStartTime: new Date(),
          polls: 0,
        });
        return { AutomationExecutionId: id };
      },
      GetAutomationExecution: (input, context) => {
        const execution = this.execution(
          required(input.AutomationExecutionId, 'automationExecutionId'),
          context.accountId,
        );
        if (
          execution.AutomationExecutionStatus === 'InProgress' &&
          execution.polls++ >= this.pollsUntilDone
        ) {
          execution.AutomationExecutionStatus = this.outcome(execution);
          execution.ExecutionEndTime = new Date();
          if (execution.AutomationExecutionStatus === 'Failed') {
            execution.FailureMessage = 'Step failed in the fake';
          }
        }
        const { account: _a, region: _r, polls: _p, ...visible } = execution;
        return { AutomationExecution: visible };
      },
      StopAutomationExecution: (input, context) => {
        const execution = this.execution(
          required(input.AutomationExecutionId, 'automationExecutionId'),
          context.accountId,
        );
        if (execution.AutomationExecutionStatus === 'InProgress') {
          execution.AutomationExecutionStatus = 'Cancelled';
          execution.ExecutionEndTime = new Date();
        }
        return {};
      },
    },
  });
}
