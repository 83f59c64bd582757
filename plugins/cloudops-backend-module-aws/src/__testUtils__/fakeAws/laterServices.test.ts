import { createHash } from 'node:crypto';
import {
  BedrockRuntimeClient,
  ConverseCommand,
} from '@aws-sdk/client-bedrock-runtime';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import {
  CreateTopicCommand,
  PublishCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import {
  DescribeDocumentCommand,
  GetAutomationExecutionCommand,
  SSMClient,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { FakeAws } from './FakeAws';
import { Identity } from './FakeIdentities';

/**
 * The services later features use (SNS and SES channels, SSM remediation,
 * EC2/EBS waste, Cost Explorer, the Bedrock AI provider), each spoken to by
 * its real SDK client, so the fake is ready for them.
 */
describe('FakeAws, services for later features', () => {
  const ACCOUNT = '111111111111';
  let fake: FakeAws;
  let user: Identity;
  const client = <T>(Client: new (config: any) => T, region = 'eu-west-1') =>
    new Client({
      endpoint: fake.endpoint,
      region,
      credentials: {
        accessKeyId: user.accessKeyId,
        secretAccessKey: user.secretAccessKey,
      },
    });

  beforeEach(async () => {
    fake = await FakeAws.start();
    user = fake.identities.addUser(ACCOUNT);
  });
  afterEach(() => fake.stop());

  it('runs SSM Automation executions to their outcome', async () => {
    fake.ssm.addDocument(ACCOUNT, 'eu-west-1', {
      Name: 'CloudOps-RestartEC2Instance',
      Parameters: [{ Name: 'InstanceId', Type: 'String' }],
    });
    const ssm = client(SSMClient);
    const { AutomationExecutionId } = await ssm.send(
      new StartAutomationExecutionCommand({
        DocumentName: 'CloudOps-RestartEC2Instance',
        Parameters: { InstanceId: ['i-0abc'] },
      }),
    );
    const poll = () =>
      ssm.send(new GetAutomationExecutionCommand({ AutomationExecutionId }));
    expect((await poll()).AutomationExecution?.AutomationExecutionStatus).toBe(
      'InProgress',
    );
    const done = (await poll()).AutomationExecution!;
    expect(done).toMatchObject({
      AutomationExecutionStatus: 'Success',
      DocumentName: 'CloudOps-RestartEC2Instance',
      Parameters: { InstanceId: ['i-0abc'] },
    });
    expect(done.ExecutionEndTime).toBeInstanceOf(Date);
    await expect(
      ssm.send(new StartAutomationExecutionCommand({ DocumentName: 'Nope' })),
    ).rejects.toMatchObject({ name: 'AutomationDefinitionNotFoundException' });
  });

  it('keeps SSM document versions: the default runs unless a version is named, and an unknown one is refused', async () => {
    const NAME = 'CloudOps-RestartEC2Instance';
    fake.ssm.addDocument(ACCOUNT, 'eu-west-1', {
      Name: NAME,
      Parameters: [{ Name: 'InstanceId', Type: 'String' }],
    });
    const two = fake.ssm.updateDocument(ACCOUNT, 'eu-west-1', NAME, {
      Parameters: [{ Name: 'InstanceIds', Type: 'StringList' }],
    });
    expect(two).toBe('2');
    const ssm = client(SSMClient);
    const describe = (DocumentVersion?: string) =>
      ssm.send(new DescribeDocumentCommand({ Name: NAME, DocumentVersion }));
    expect((await describe()).Document).toMatchObject({
      DocumentVersion: '2',
      DefaultVersion: '2',
      LatestVersion: '2',
      Parameters: [{ Name: 'InstanceIds' }],
    });
    expect((await describe('1')).Document).toMatchObject({
      DocumentVersion: '1',
      DefaultVersion: '2',
      Parameters: [{ Name: 'InstanceId' }],
    });
    const start = (DocumentVersion: string | undefined, Parameters: object) =>
      ssm.send(
        new StartAutomationExecutionCommand({
          DocumentName: NAME,
          DocumentVersion,
          Parameters: Parameters as Record<string, string[]>,
        }),
      );
    const pinned = await start('1', { InstanceId: ['i-0abc'] });
    const current = await start(undefined, { InstanceIds: ['i-0abc'] });
    expect(
      [pinned, current].map(
        ({ AutomationExecutionId: id }) =>
          fake.ssm.executions.get(id!)?.DocumentVersion,
      ),
    ).toEqual(['1', '2']);
    // The version 1 parameter is not one the default version takes.
    await expect(
      start(undefined, { InstanceId: ['i-0abc'] }),
    ).rejects.toMatchObject({
      name: 'InvalidAutomationExecutionParametersException',
    });
    fake.ssm.deleteDocumentVersion(ACCOUNT, 'eu-west-1', NAME, '1');
    await expect(describe('1')).rejects.toMatchObject({
      name: 'InvalidDocumentVersion',
    });
    await expect(start('1', { InstanceId: ['i-0abc'] })).rejects.toMatchObject({
      name: 'AutomationDefinitionVersionNotFoundException',
    });
  });

  it("hashes each SSM document version's content (sha256), so a document deleted and created again with other content is told apart", async () => {
    const NAME = 'CloudOps-RestartEC2Instance';
    const content = {
      Name: NAME,
      Parameters: [{ Name: 'InstanceId', Type: 'String' as const }],
    };
    fake.ssm.addDocument(ACCOUNT, 'eu-west-1', content);
    const ssm = client(SSMClient);
    const describe = async (DocumentVersion?: string) =>
      (
        await ssm.send(
          new DescribeDocumentCommand({ Name: NAME, DocumentVersion }),
        )
      ).Document!;
    const first = await describe();
    expect(first).toMatchObject({
      Hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      HashType: 'Sha256',
    });
    expect(first.Hash).toBe(
      createHash('sha256')
        .update(
          JSON.stringify({
            Parameters: content.Parameters,
            steps: [{ name: 'run', action: 'aws:executeAwsApi' }],
          }),
        )
        .digest('hex'),
    );
    fake.ssm.updateDocument(ACCOUNT, 'eu-west-1', NAME, {
      Description: 'Terminates',
    });
    expect((await describe()).Hash).not.toBe(first.Hash);
    expect((await describe('1')).Hash).toBe(first.Hash);

    fake.ssm.deleteDocument(ACCOUNT, 'eu-west-1', NAME);
    await expect(describe()).rejects.toMatchObject({ name: 'InvalidDocument' });
    fake.ssm.addDocument(ACCOUNT, 'eu-west-1', {
      ...content,
      steps: [{ name: 'terminate', action: 'aws:executeAwsApi' }],
    });
    expect(await describe('1')).toMatchObject({ DocumentVersion: '1' });
    expect((await describe('1')).Hash).not.toBe(first.Hash);
    fake.ssm.deleteDocument(ACCOUNT, 'eu-west-1', NAME);
    fake.ssm.addDocument(ACCOUNT, 'eu-west-1', content);
    expect((await describe('1')).Hash).toBe(first.Hash);
  });

  it('publishes to SNS topics with attributes', async () => {
    const sns = client(SNSClient);
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: 'noc' }),
    );
    expect(TopicArn).toBe(`arn:aws:sns:eu-west-1:${ACCOUNT}:noc`);
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn,
        Subject: 'Incident',
        Message: 'checkout is down',
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: 'critical' },
        },
      }),
    );
    expect(fake.sns.published).toEqual([
      {
        MessageId,
        TopicArn,
        Subject: 'Incident',
        Message: 'checkout is down',
        attributes: { severity: 'critical' },
      },
    ]);
    await expect(
      sns.send(new PublishCommand({ TopicArn: `${TopicArn}-x`, Message: 'x' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('describes EC2 volumes and instances with filters and pages, in EC2’s XML', async () => {
    for (let i = 0; i < 12; i++) {
      fake.ec2.addVolume(ACCOUNT, 'eu-west-1', {
        volumeId: `vol-${String(i).padStart(8, '0')}`,
        size: 100,
        volumeType: 'gp2',
        status: i < 7 ? 'available' : 'in-use',
        availabilityZone: 'eu-west-1a',
        createTime: new Date('2026-01-01T00:00:00Z'),
        tagSet: [{ key: 'team', value: i % 2 ? 'a' : 'b' }],
      });
    }
    fake.ec2.addInstance(ACCOUNT, 'eu-west-1', {
      instanceId: 'i-0abc',
      instanceType: 'm5.large',
      instanceState: { code: 16, name: 'running' },
      launchTime: new Date('2026-01-01T00:00:00Z'),
    });
    const ec2 = client(EC2Client);
    const available = [];
    for await (const page of paginateDescribeVolumes(
      { client: ec2, pageSize: 5 },
      { Filters: [{ Name: 'status', Values: ['available'] }] },
    )) {
      available.push(...(page.Volumes ?? []));
    }
    expect(available.map(v => v.VolumeId)).toHaveLength(7);
    expect(available[0]).toMatchObject({
      Size: 100,
      VolumeType: 'gp2',
      State: 'available',
      CreateTime: new Date('2026-01-01T00:00:00Z'),
      Tags: [{ Key: 'team', Value: 'b' }],
    });
    const tagged = await ec2.send(
      new DescribeVolumesCommand({
        Filters: [{ Name: 'tag:team', Values: ['a'] }],
      }),
    );
    expect(tagged.Volumes).toHaveLength(6);
    const { Reservations } = await ec2.send(new DescribeInstancesCommand({}));
    expect(Reservations?.[0].Instances?.[0]).toMatchObject({
      InstanceId: 'i-0abc',
      InstanceType: 'm5.large',
      State: { Code: 16, Name: 'running' },
    });
    fake.deny(ACCOUNT, 'ec2:DescribeVolumes');
    await expect(
      ec2.send(new DescribeVolumesCommand({})),
    ).rejects.toMatchObject({
      name: 'UnauthorizedOperation',
    });
  });

  it('answers Cost Explorer with daily costs by group', async () => {
    fake.costExplorer.addCosts(ACCOUNT, [
      { date: '2026-11-01', group: 'Amazon EC2', amount: 10 },
      { date: '2026-11-01', group: 'Amazon RDS', amount: 4 },
      { date: '2026-11-02', group: 'Amazon EC2', amount: 12 },
    ]);
    const ce = client(CostExplorerClient, 'us-east-1');
    const result = await ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2026-11-01', End: '2026-11-03' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      }),
    );
    expect(
      result.ResultsByTime?.map(r => [r.TimePeriod?.Start, r.Groups?.length]),
    ).toEqual([
      ['2026-11-01', 2],
      ['2026-11-02', 1],
    ]);
    expect(
      result.ResultsByTime?.[0].Groups?.[0].Metrics?.UnblendedCost.Amount,
    ).toBe('10.0000000000');
  });

  it('answers Bedrock Converse over HTTP/2 (h2c), with the SDK’s default handler', async () => {
    fake.bedrock.respond = request =>
      JSON.stringify({
        summary: `seen ${request.messages[0].content[0].text}`,
      });
    const bedrock = client(BedrockRuntimeClient, 'us-east-1');
    const output = await bedrock.send(
      new ConverseCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        system: [{ text: 'Answer in JSON.' }],
        messages: [{ role: 'user', content: [{ text: 'incident 42' }] }],
        inferenceConfig: { maxTokens: 200, temperature: 0 },
      }),
    );
    expect(output.output?.message?.content?.[0].text).toBe(
      '{"summary":"seen incident 42"}',
    );
    expect(output.stopReason).toBe('end_turn');
    expect(output.usage?.totalTokens).toBeGreaterThan(0);
    expect(fake.bedrock.requests[0]).toMatchObject({
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      system: [{ text: 'Answer in JSON.' }],
    });
    await expect(
      bedrock.send(
        new ConverseCommand({
          modelId: 'unknown-model',
          messages: [{ role: 'user', content: [{ text: 'x' }] }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    bedrock.destroy();
  });
});
