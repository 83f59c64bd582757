import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
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

  async function start(readOnly: boolean) {
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
    const asked = await request(server)
      .post(`/api/cloudops/incidents/${incident.body.id}/remediations`)
      .send({
        executor: SSM_AUTOMATION_EXECUTOR_ID,
        ref: RESTART,
        parameters: { InstanceId: INSTANCE },
      })
      .expect(201);
    const settled = (states: string[]) =>
      eventually(async () => {
        const res = await request(server).get(
          `/api/cloudops/remediations/${asked.body.id}`,
        );
        return states.includes(res.body.state) && res.body;
      });
    const timeline = async () =>
      (
        await request(server).get(`/api/cloudops/incidents/${incident.body.id}`)
      ).body.timeline.map((e: any) => e.message) as string[];
    return { settled, timeline };
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
});
