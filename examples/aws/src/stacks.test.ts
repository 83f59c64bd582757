import { App } from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app';
import { automationDocuments } from './documents';
import { readPolicyJson } from './policies';

const CENTRAL = '999999999999';
const MEMBER = '111111111111';
const MANAGEMENT = '222222222222';
const BACKSTAGE = `arn:aws:iam::${CENTRAL}:role/backstage`;

function synthesize(outdir?: string, context: Record<string, string> = {}) {
  const app = buildApp(
    new App({
      outdir,
      context: {
        backstagePrincipalArn: BACKSTAGE,
        externalId: 'cloudops-prod-7f3a',
        centralAccount: CENTRAL,
        memberAccounts: `${MEMBER},${MANAGEMENT}`,
        managementAccount: MANAGEMENT,
        organizationId: 'o-abc123def4',
        ...context,
      },
    }),
  );
  const stack = (id: string) => app.node.findChild(id) as any;
  return {
    app,
    events: Template.fromStack(stack('CloudOpsEvents')),
    member: Template.fromStack(stack(`CloudOpsMember-${MEMBER}`)),
    management: Template.fromStack(stack(`CloudOpsMember-${MANAGEMENT}`)),
  };
}

/** Every statement of every policy in a template: IAM, key, queue and bus policies. */
function statements(
  template: Template,
): Array<{ where: string; statement: any }> {
  const found: Array<{ where: string; statement: any }> = [];
  const add = (where: string, document: any) =>
    [document?.Statement ?? []]
      .flat()
      .forEach((statement: any) => found.push({ where, statement }));
  for (const [id, resource] of Object.entries<any>(
    template.toJSON().Resources,
  )) {
    const p = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::IAM::Role':
        add(`${id} trust`, p.AssumeRolePolicyDocument);
        (p.Policies ?? []).forEach((policy: any) =>
          add(`${id} ${policy.PolicyName}`, policy.PolicyDocument),
        );
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
      case 'AWS::SQS::QueuePolicy':
        add(id, p.PolicyDocument);
        break;
      case 'AWS::KMS::Key':
        add(id, p.KeyPolicy);
        break;
      case 'AWS::Events::EventBusPolicy':
        found.push({ where: id, statement: p.Statement });
        break;
      default:
    }
  }
  return found;
}

const READ = /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*$/;
/** Write actions AWS grants only on `*` (no resource-level permissions), or that a key policy grants on the key itself. */
const WRITE_ON_ANY = new Set(['logs:StopQuery', 'cloudwatch:GetMetricData']);

const PROFILE = 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0';
const MODEL = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const OPTIONAL = {
  pricing: 'true',
  bedrockInferenceProfileId: PROFILE,
  bedrockModelId: MODEL,
};

describe('the CloudOps AWS kit (CDK, synthesised offline)', () => {
  // With every optional policy, so that the checks below cover them too.
  const { events, member, management } = synthesize(undefined, OPTIONAL);

  it('encrypts the events queue and its dead-letter queue with a rotated customer key, over TLS only', () => {
    events.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const queues = events.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(2);
    for (const queue of Object.values<any>(queues)) {
      expect(queue.Properties.KmsMasterKeyId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^QueueKey/), 'Arn'],
      });
    }
    events.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'cloudops-events',
      RedrivePolicy: {
        maxReceiveCount: 5,
        deadLetterTargetArn: Match.anyValue(),
      },
    });
    events.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('lets only its own rules send to the queue, and Backstage read it', () => {
    const sends = statements(events).filter(s =>
      [s.statement.Action].flat().includes('sqs:SendMessage'),
    );
    expect(sends).toHaveLength(2);
    for (const { statement } of sends) {
      expect(statement.Principal).toEqual({ Service: 'events.amazonaws.com' });
      expect(statement.Condition.ArnEquals['aws:SourceArn']).toHaveLength(12);
    }
    events.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'cloudops-events-consumer',
    });
  });

  it('routes the events the AWS module reads from the central and default buses', () => {
    const rules = Object.values<any>(events.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(12);
    const sources = rules.flatMap(r => r.Properties.EventPattern.source).sort();
    expect([...new Set(sources)]).toEqual([
      'aws.cloudwatch',
      'aws.codedeploy',
      'aws.ec2',
      'aws.ecs',
      'aws.health',
      'aws.rds',
    ]);
    const ecs = rules.find(
      r => r.Properties.EventPattern.source[0] === 'aws.ecs',
    );
    expect(ecs.Properties.EventPattern['detail-type']).toEqual([
      'ECS Task State Change',
      'ECS Service Action',
      'ECS Deployment State Change',
    ]);
    events.hasResourceProperties('AWS::Events::EventBusPolicy', {
      Statement: Match.objectLike({
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
      }),
    });
  });

  it('gives Backstage a read-only role and a separate remediation role, both behind the external id', () => {
    member.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'cloudops-readonly',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { AWS: BACKSTAGE },
            Condition: {
              StringEquals: { 'sts:ExternalId': 'cloudops-prod-7f3a' },
            },
          }),
        ],
      },
    });
    const granted = (template: Template, role: string) =>
      statements(template)
        .filter(s => s.where.startsWith(role) && !s.where.endsWith('trust'))
        .flatMap(s => [s.statement.Action].flat())
        .sort();
    const detection = Object.keys(
      member.findResources('AWS::IAM::Role', {
        Properties: { RoleName: 'cloudops-readonly' },
      }),
    )[0];
    expect(granted(member, detection)).toEqual([
      'cloudwatch:DescribeAlarms',
      'cloudwatch:GetMetricData',
      'cloudwatch:ListMetrics',
      'ec2:DescribeInstances',
      'ec2:DescribeVolumes',
      'ecs:DescribeServices',
      'ecs:DescribeTaskDefinition',
      'ecs:ListClusters',
      'ecs:ListServices',
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeTags',
      'elasticloadbalancing:DescribeTargetGroups',
      'elasticloadbalancing:DescribeTargetHealth',
      'logs:GetQueryResults',
      'logs:StartQuery',
      'logs:StopQuery',
      'rds:DescribeDBInstances',
    ]);
    const managementDetection = Object.keys(
      management.findResources('AWS::IAM::Role', {
        Properties: { RoleName: 'cloudops-readonly' },
      }),
    )[0];
    expect(granted(management, managementDetection)).toContain(
      'organizations:ListAccounts',
    );
    const remediation = Object.keys(
      member.findResources('AWS::IAM::Role', {
        Properties: { RoleName: 'cloudops-remediation' },
      }),
    )[0];
    expect(granted(member, remediation)).toEqual([
      'iam:PassRole',
      'ssm:DescribeDocument',
      'ssm:GetAutomationExecution',
      'ssm:StartAutomationExecution',
      'ssm:StopAutomationExecution',
    ]);
  });

  it('has no wildcard actions, and no write action on every resource', () => {
    const violations: string[] = [];
    for (const template of [events, member, management]) {
      for (const { where, statement } of statements(template)) {
        if (statement.Effect !== 'Allow') continue;
        // In a key policy, `*` is the key itself.
        const onAny =
          [statement.Resource].flat().includes('*') &&
          !where.startsWith('QueueKey');
        for (const action of [statement.Action].flat()) {
          if (action.includes('*')) {
            violations.push(`${where}: wildcard action ${action}`);
          }
          if (onAny && !READ.test(action) && !WRITE_ON_ANY.has(action)) {
            violations.push(`${where}: ${action} on every resource`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('installs the SSM Automation documents, which only call what their role may', () => {
    const documents = automationDocuments();
    expect(
      Object.fromEntries(documents.map(d => [d.name, d.costImpact])),
    ).toEqual({
      'CloudOps-ForceNewEcsDeployment': 'neutral',
      'CloudOps-RebootRdsInstance': 'neutral',
      'CloudOps-RestartEC2Instance': 'neutral',
      'CloudOps-RollbackEcsService': 'neutral',
      'CloudOps-ScaleEcsService': 'increase',
      'CloudOps-SnapshotAndDeleteVolume': 'decrease',
    });
    for (const { name, costImpact } of documents) {
      member.hasResourceProperties('AWS::SSM::Document', {
        Name: name,
        DocumentType: 'Automation',
        // What the remediation executor's cost-safe policy reads.
        Tags: [{ Key: 'cloudops:cost-impact', Value: costImpact }],
      });
    }
    const allowed = new Set(
      readPolicyJson('automation-execution').Statement.flatMap(
        (s: any) => s.Action,
      ),
    );
    const notAllowed = documents.flatMap(({ name, content }) =>
      content.mainSteps
        .filter((step: any) => step.action !== 'aws:branch')
        .map((step: any) => `${step.inputs.Service}:${step.inputs.Api}`)
        .filter((action: string) => !allowed.has(action))
        .map((action: string) => `${name}: ${action}`),
    );
    expect(notAllowed).toEqual([]);
    for (const { content } of documents) {
      expect(content.schemaVersion).toBe('0.3');
      expect(content.assumeRole).toBe('{{ AutomationAssumeRole }}');
    }
    member.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'cloudops-automation',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'ssm.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': MEMBER } },
          }),
        ],
      },
    });
  });

  it('forwards the member account’s events to the central bus', () => {
    const rules = Object.values<any>(member.findResources('AWS::Events::Rule'));
    expect(rules).toHaveLength(6);
    expect(rules[0].Properties.Targets[0].Arn).toBe(
      `arn:aws:events:us-east-1:${CENTRAL}:event-bus/cloudops`,
    );
  });

  it('gives Backstage’s role the optional pricing and Bedrock narrative policies when asked', () => {
    events.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'cloudops-pricing',
      Roles: ['backstage'],
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'pricing:GetProducts', Resource: '*' },
        ],
      },
    });
    const [bedrock] = Object.values<any>(
      events.findResources('AWS::IAM::ManagedPolicy', {
        Properties: { ManagedPolicyName: 'cloudops-bedrock-narrative' },
      }),
    );
    expect(bedrock.Properties.Roles).toEqual(['backstage']);
    const [statement] = bedrock.Properties.PolicyDocument.Statement;
    expect(statement.Action).toBe('bedrock:InvokeModel');
    expect(JSON.stringify(statement.Resource)).toContain(
      `:inference-profile/${PROFILE}`,
    );
    expect(JSON.stringify(statement.Resource)).toContain(
      `::foundation-model/${MODEL}`,
    );

    const plain = synthesize().events;
    const names = Object.values<any>(
      plain.findResources('AWS::IAM::ManagedPolicy'),
    ).map(p => p.Properties.ManagedPolicyName);
    expect(names).toEqual(['cloudops-events-consumer']);
    expect(() => synthesize(undefined, { bedrockModelId: MODEL })).toThrow(
      /"bedrockInferenceProfileId" and "bedrockModelId" go together/,
    );
  });

  it('only creates the optional policies when Backstage’s role is in another account', () => {
    const app = buildApp(
      new App({
        context: {
          backstagePrincipalArn: `arn:aws:iam::${MEMBER}:role/backstage`,
          externalId: 'x',
          centralAccount: CENTRAL,
          ...OPTIONAL,
        },
      }),
    );
    const template = Template.fromStack(
      app.node.findChild('CloudOpsEvents') as any,
    );
    const policies = Object.values<any>(
      template.findResources('AWS::IAM::ManagedPolicy'),
    );
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy.Properties.Roles).toBeUndefined();
    }
  });

  it('writes a cloud assembly without touching AWS', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cloudops-cdk-'));
    try {
      synthesize(outdir).app.synth();
      const files = readdirSync(outdir);
      expect(files).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'CloudOpsEvents.template.json',
          `CloudOpsMember-${MEMBER}.template.json`,
        ]),
      );
      const template = JSON.parse(
        readFileSync(join(outdir, 'CloudOpsEvents.template.json'), 'utf8'),
      );
      expect(Object.keys(template.Outputs)).toEqual([
        'QueueUrl',
        'EventBusArn',
      ]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('says which context is missing', () => {
    expect(() => buildApp(new App({ context: { externalId: 'x' } }))).toThrow(
      'Missing context "backstagePrincipalArn"',
    );
  });
});
