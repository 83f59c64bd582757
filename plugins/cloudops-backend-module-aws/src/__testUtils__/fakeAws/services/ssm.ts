import { createHash, randomUUID } from 'node:crypto';
import { invalid, required } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';

/** A parameter an Automation document declares. */
export interface FakeDocumentParameter {
  Name: string;
  Type: 'String' | 'StringList' | 'Boolean' | 'Integer' | 'MapList';
  Description?: string;
  /** Absent: the parameter is required. */
  DefaultValue?: string;
}

/** A step of a fake Automation document and what it outputs. */
export interface FakeDocumentStep {
  name: string;
  action: string;
  outputs?: Record<string, string[]>;
  /** The step fails with this message instead. */
  failure?: string;
}

/** An SSM Automation document as the fake keeps it. */
export interface FakeAutomationDocument {
  Name: string;
  Description?: string;
  Parameters: FakeDocumentParameter[];
  steps: FakeDocumentStep[];
  tags?: Record<string, string>;
}

/**
 * A document's versions ("1", "2", …, the content of each) and which one
 * runs when a request names none.
 */
interface FakeDocumentVersions {
  versions: Map<string, FakeAutomationDocument>;
  latestVersion: number;
  defaultVersion: string;
}

/** One step of an execution, as GetAutomationExecution shows it. */
interface FakeStepExecution {
  StepName: string;
  Action: string;
  StepStatus: 'Pending' | 'InProgress' | 'Success' | 'Failed' | 'Cancelled';
  ExecutionStartTime?: Date;
  ExecutionEndTime?: Date;
  Outputs?: Record<string, string[]>;
  FailureMessage?: string;
}

/** An SSM Automation execution as the fake keeps it. */
export interface FakeAutomationExecution {
  AutomationExecutionId: string;
  account: string;
  region: string;
  DocumentName: string;
  /** The version it runs: the one requested, else the default then. */
  DocumentVersion: string;
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
  Outputs?: Record<string, string[]>;
  StepExecutions: FakeStepExecution[];
  tags: Record<string, string>;
  polls: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sha256 of a version's content, as DescribeDocument's `Hash`: what the
 * document declares and does, not its name or tags (not content in SSM).
 */
function contentHash({
  Description,
  Parameters,
  steps,
}: FakeAutomationDocument) {
  return createHash('sha256')
    .update(JSON.stringify({ Description, Parameters, steps }))
    .digest('hex');
}

/**
 * AWS Systems Manager (JSON 1.1): Automation documents (DescribeDocument,
 * with the sha256 `Hash` of the version's content) and executions.
 * Documents have versions: `updateDocument` adds one (the new default,
 * unless told otherwise), `deleteDocumentVersion` removes one and
 * `deleteDocument` the document (added again, it starts at version 1);
 * DescribeDocument and StartAutomationExecution take the default
 * version unless `DocumentVersion` names another (a number, `$DEFAULT` or
 * `$LATEST`), and refuse one that does not exist (InvalidDocumentVersion,
 * AutomationDefinitionVersionNotFoundException). An execution checks its
 * parameters against its version's, then runs one step per `pollsPerStep`
 * GetAutomationExecution calls (each step's outputs appear as it succeeds; a step with `failure`
 * fails the execution). A `ClientToken` seen before answers with the same
 * execution (IdempotentParameterMismatch when the request differs).
 * StopAutomationExecution (`Type` Cancel or Complete) cancels an execution
 * in progress and its steps that had not ended.
 */
export class FakeSsm {
  /** Documents that exist, by `account|region|name`. */
  private readonly documents = new Map<string, FakeDocumentVersions>();
  readonly executions = new Map<string, FakeAutomationExecution>();
  /** Client tokens seen, by `account|region|token`: the execution and the request it started. */
  private readonly tokens = new Map<string, { id: string; request: string }>();
  pollsPerStep = 1;

  /** Adds a document, version 1 (by default one step, no parameters). */
  addDocument(
    account: string,
    region: string,
    document: Partial<FakeAutomationDocument> & { Name: string },
  ) {
    const content = {
      Parameters: [],
      steps: [{ name: 'run', action: 'aws:executeAwsApi' }],
      ...document,
    };
    this.documents.set(`${account}|${region}|${document.Name}`, {
      versions: new Map([['1', content]]),
      latestVersion: 1,
      defaultVersion: '1',
    });
  }

  /**
   * A new version of a document (UpdateDocument): the default version's
   * content with `changes`, made the default version unless `makeDefault`
   * is false (UpdateDocumentDefaultVersion). Returns its version.
   */
  updateDocument(
    account: string,
    region: string,
    name: string,
    changes: Partial<Omit<FakeAutomationDocument, 'Name'>>,
    options: { makeDefault?: boolean } = {},
  ): string {
    const document = this.document(account, region, name);
    const current = document.versions.get(document.defaultVersion)!;
    const version = String(++document.latestVersion);
    document.versions.set(version, { ...current, ...changes });
    if (options.makeDefault !== false) document.defaultVersion = version;
    return version;
  }

  /**
   * Deletes a version of a document (DeleteDocument with a version); as in
   * SSM, not the default version.
   */
  deleteDocumentVersion(
    account: string,
    region: string,
    name: string,
    version: string,
  ) {
    const document = this.document(account, region, name);
    if (version === document.defaultVersion) {
      throw new Error(`Version ${version} of ${name} is the default version`);
    }
    document.versions.delete(version);
  }

  /** Deletes a document, every version (DeleteDocument without a version). */
  deleteDocument(account: string, region: string, name: string) {
    this.document(account, region, name);
    this.documents.delete(`${account}|${region}|${name}`);
  }

  /** Executions started in an account (every region). */
  executionsIn(account: string): FakeAutomationExecution[] {
    return [...this.executions.values()].filter(e => e.account === account);
  }

  private document(account: string, region: string, name: string) {
    const document = this.documents.get(`${account}|${region}|${name}`);
    if (!document) {
      throw invalid(
        'InvalidDocument',
        `Document with name ${name} does not exist.`,
      );
    }
    return document;
  }

  /** The version a request names (the default when it names none), or undefined. */
  private version(document: FakeDocumentVersions, requested?: string) {
    let version = requested ?? '$DEFAULT';
    if (version === '$DEFAULT') version = document.defaultVersion;
    if (version === '$LATEST') version = String(document.latestVersion);
    const content = document.versions.get(version);
    return content && { version, content };
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

  private checkParameters(
    document: FakeAutomationDocument,
    parameters: Record<string, unknown>,
  ): Record<string, string[]> {
    const declared = new Map(document.Parameters.map(p => [p.Name, p]));
    for (const [name, value] of Object.entries(parameters)) {
      if (!declared.has(name)) {
        throw invalid(
          'InvalidAutomationExecutionParametersException',
          `Parameter "${name}" is not defined in document ${document.Name}`,
        );
      }
      if (
        !Array.isArray(value) ||
        value.some(v => typeof v !== 'string') ||
        value.length === 0
      ) {
        throw invalid(
          'InvalidAutomationExecutionParametersException',
          `Parameter "${name}" must be a non-empty list of strings`,
        );
      }
    }
    const missing = document.Parameters.filter(
      p => p.DefaultValue === undefined && !(p.Name in parameters),
    );
    if (missing.length > 0) {
      throw invalid(
        'InvalidAutomationExecutionParametersException',
        `Parameters required by document ${document.Name} are missing: ${missing
          .map(p => p.Name)
          .join(', ')}`,
      );
    }
    return parameters as Record<string, string[]>;
  }

  /** Runs the execution's next step once it has been polled enough. */
  private advance(execution: FakeAutomationExecution) {
    if (execution.AutomationExecutionStatus !== 'InProgress') return;
    execution.polls++;
    if (execution.polls % this.pollsPerStep !== 0) return;
    const document = this.documents
      .get(
        `${execution.account}|${execution.region}|${execution.DocumentName}`,
      )!
      .versions.get(execution.DocumentVersion)!;
    const index = execution.StepExecutions.findIndex(
      s => s.StepStatus === 'InProgress',
    );
    const spec = document.steps[index];
    const step = execution.StepExecutions[index];
    const now = new Date();
    step.ExecutionEndTime = now;
    if (spec.failure) {
      step.StepStatus = 'Failed';
      step.FailureMessage = spec.failure;
      execution.AutomationExecutionStatus = 'Failed';
      execution.FailureMessage = `Step fails when it is ${spec.action}. ${spec.failure}`;
      execution.ExecutionEndTime = now;
      execution.StepExecutions.slice(index + 1).forEach(s => {
        s.StepStatus = 'Cancelled';
      });
      return;
    }
    step.StepStatus = 'Success';
    step.Outputs = spec.outputs;
    for (const [name, value] of Object.entries(spec.outputs ?? {})) {
      execution.Outputs = {
        ...execution.Outputs,
        [`${spec.name}.${name}`]: value,
      };
    }
    const next = execution.StepExecutions[index + 1];
    if (next) {
      next.StepStatus = 'InProgress';
      next.ExecutionStartTime = now;
    } else {
      execution.AutomationExecutionStatus = 'Success';
      execution.ExecutionEndTime = now;
    }
  }

  readonly service = awsJsonService({
    signingName: 'ssm',
    iamPrefix: 'ssm',
    targetPrefix: 'AmazonSSM',
    version: '1.1',
    errorNamespace: 'com.amazonaws.ssm',
    operations: {
      DescribeDocument: (input, context) => {
        const versions = this.document(
          context.accountId,
          context.region,
          required(input.Name, 'name'),
        );
        const described = this.version(versions, input.DocumentVersion);
        if (!described) {
          throw invalid(
            'InvalidDocumentVersion',
            'The document version is not valid or does not exist.',
          );
        }
        const { version, content: document } = described;
        return {
          Document: {
            Name: document.Name,
            Description: document.Description,
            DocumentType: 'Automation',
            DocumentFormat: 'YAML',
            SchemaVersion: '0.3',
            Status: 'Active',
            DocumentVersion: version,
            Hash: contentHash(document),
            HashType: 'Sha256',
            LatestVersion: String(versions.latestVersion),
            DefaultVersion: versions.defaultVersion,
            Owner: context.accountId,
            Parameters: document.Parameters,
            Tags: Object.entries(document.tags ?? {}).map(([Key, Value]) => ({
              Key,
              Value,
            })),
          },
        };
      },
      StartAutomationExecution: (input, context) => {
        const name = required(input.DocumentName, 'documentName');
        const token: string | undefined = input.ClientToken;
        const requested: string | undefined = input.DocumentVersion;
        const request = JSON.stringify([
          name,
          requested ?? null,
          input.Parameters ?? {},
        ]);
        const tokenKey = `${context.accountId}|${
          context.region
        }|${token?.toLowerCase()}`;
        if (token !== undefined) {
          if (!UUID.test(token)) {
            throw invalid(
              'ValidationException',
              `1 validation error detected: Value '${token}' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}`,
            );
          }
          const seen = this.tokens.get(tokenKey);
          if (seen) {
            if (seen.request !== request) {
              throw invalid(
                'IdempotentParameterMismatch',
                'The client token was used before with different parameters',
              );
            }
            return { AutomationExecutionId: seen.id };
          }
        }
        let versions: FakeDocumentVersions;
        try {
          versions = this.document(context.accountId, context.region, name);
        } catch {
          throw invalid(
            'AutomationDefinitionNotFoundException',
            `Automation definition ${name} not found`,
          );
        }
        const started = this.version(versions, requested);
        if (!started) {
          throw invalid(
            'AutomationDefinitionVersionNotFoundException',
            `Automation definition ${name}:${requested} not found`,
          );
        }
        const { version, content: document } = started;
        const parameters = this.checkParameters(
          document,
          input.Parameters ?? {},
        );
        const id = randomUUID();
        const now = new Date();
        this.executions.set(id, {
          AutomationExecutionId: id,
          account: context.accountId,
          region: context.region,
          DocumentName: name,
          DocumentVersion: version,
          Parameters: parameters,
          AutomationExecutionStatus: 'InProgress',
          ExecutionStartTime: now,
          StepExecutions: document.steps.map((step, i) => ({
            StepName: step.name,
            Action: step.action,
            StepStatus: i === 0 ? 'InProgress' : 'Pending',
            ExecutionStartTime: i === 0 ? now : undefined,
          })),
          tags: Object.fromEntries(
            (input.Tags ?? []).map((t: any) => [t.Key, t.Value]),
          ),
          polls: 0,
        });
        if (token !== undefined) this.tokens.set(tokenKey, { id, request });
        return { AutomationExecutionId: id };
      },
      GetAutomationExecution: (input, context) => {
        const execution = this.execution(
          required(input.AutomationExecutionId, 'automationExecutionId'),
          context.accountId,
        );
        const {
          account: _a,
          region: _r,
          polls: _p,
          tags: _t,
          ...visible
        } = execution;
        // A copy as of this poll (the steps change when it advances).
        const answer = {
          ...visible,
          StepExecutions: visible.StepExecutions.map(step => ({ ...step })),
        };
        this.advance(execution);
        return { AutomationExecution: answer };
      },
      StopAutomationExecution: (input, context) => {
        const execution = this.execution(
          required(input.AutomationExecutionId, 'automationExecutionId'),
          context.accountId,
        );
        const type = input.Type ?? 'Cancel';
        if (type !== 'Cancel' && type !== 'Complete') {
          throw invalid(
            'ValidationException',
            `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [Complete, Cancel]`,
          );
        }
        if (execution.AutomationExecutionStatus === 'InProgress') {
          const now = new Date();
          execution.AutomationExecutionStatus = 'Cancelled';
          execution.ExecutionEndTime = now;
          for (const step of execution.StepExecutions) {
            if (
              step.StepStatus === 'InProgress' ||
              step.StepStatus === 'Pending'
            ) {
              step.StepStatus = 'Cancelled';
              step.ExecutionEndTime = step.ExecutionStartTime && now;
            }
          }
        }
        return {};
      },
    },
  });
}
