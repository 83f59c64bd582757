import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  StackProps,
} from 'aws-cdk-lib/core';
import {
  CfnEventBusPolicy,
  EventBus,
  IEventBus,
  IRuleTarget,
  Rule,
  RuleTargetConfig,
} from 'aws-cdk-lib/aws-events';
import {
  AccountRootPrincipal,
  ArnPrincipal,
  IRole,
  ManagedPolicy,
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { cloudopsEventPatterns } from './eventPatterns';
import { loadPolicy } from './policies';

export interface CloudOpsEventsProps extends StackProps {
  /** The IAM principal Backstage runs as, which reads the queue. */
  backstagePrincipalArn: string;
  /** Accounts of this AWS Organization may send events to the bus. */
  organizationId?: string;
  /** Or these accounts. */
  sourceAccounts?: string[];
  /** Defaults to `cloudops-events`. */
  queueName?: string;
  /**
   * `cloudops.aws.pricing.enabled`: a managed policy `cloudops-pricing`
   * with `pricing:GetProducts` for Backstage's role.
   */
  pricing?: boolean;
  /**
   * `cloudops.aws.bedrock` (called with Backstage's own credentials): a
   * managed policy `cloudops-bedrock-narrative` for Backstage's role that
   * may invoke this inference profile and the foundation model it routes to.
   */
  bedrockNarrative?: { inferenceProfileId: string; modelId: string };
}

/** The key's administration, spelled out (no `kms:*`). */
const KEY_ADMIN_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ListResourceTags',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
];

/**
 * Delivers a rule's events to the queue, failures to the dead-letter queue.
 * (CDK's SqsQueue target would grant EventBridge `kms:ReEncrypt*` and
 * `kms:GenerateDataKey*` on the key and drop the source condition of the
 * queue policy for encrypted queues; the stack grants exactly what is needed
 * instead.)
 */
class QueueTarget implements IRuleTarget {
  constructor(
    private readonly queue: IQueue,
    private readonly deadLetters: IQueue,
  ) {}

  bind(): RuleTargetConfig {
    return {
      arn: this.queue.queueArn,
      deadLetterConfig: { arn: this.deadLetters.queueArn },
      retryPolicy: { maximumEventAgeInSeconds: 24 * 60 * 60 },
    };
  }
}

/**
 * The central side of EventBridge for CloudOps (in the account where
 * Backstage runs): an event bus the member accounts forward to, rules on it
 * (and on this account's default bus) for the events CloudOps reads, and the
 * KMS-encrypted SQS queue (with an encrypted dead-letter queue) they land
 * in, which the AWS SQS events module of Backstage reads.
 */
export class CloudOpsEventsStack extends Stack {
  readonly queue: Queue;
  readonly bus: EventBus;

  constructor(scope: Construct, id: string, props: CloudOpsEventsProps) {
    super(scope, id, props);
    const backstage = new ArnPrincipal(props.backstagePrincipalArn);
    const events = new ServicePrincipal('events.amazonaws.com');

    const key = new Key(this, 'QueueKey', {
      description: 'CloudOps AI: encrypts the EventBridge events queue',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'KeyAdministration',
            principals: [new AccountRootPrincipal()],
            actions: KEY_ADMIN_ACTIONS,
            resources: ['*'],
          }),
          new PolicyStatement({
            sid: 'EventBridgeEncryptsMessages',
            principals: [events],
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: ['*'],
            conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
          }),
          new PolicyStatement({
            sid: 'BackstageDecryptsMessages',
            principals: [backstage],
            actions: ['kms:Decrypt'],
            resources: ['*'],
          }),
        ],
      }),
    });

    const deadLetters = new Queue(this, 'DeadLetterQueue', {
      queueName: `${props.queueName ?? 'cloudops-events'}-dlq`,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: props.queueName ?? 'cloudops-events',
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.minutes(1),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'BackstageReadsEvents',
        principals: [backstage],
        actions: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
        ],
        resources: [this.queue.queueArn],
      }),
    );

    this.bus = new EventBus(this, 'Bus', { eventBusName: 'cloudops' });
    const senders = [
      ...(props.organizationId ? [{ organization: props.organizationId }] : []),
      ...(props.sourceAccounts ?? []).map(account => ({ account })),
    ];
    senders.forEach((sender, i) => {
      new CfnEventBusPolicy(this, `BusPolicy${i}`, {
        eventBusName: this.bus.eventBusName,
        statementId:
          'organization' in sender
            ? 'Organization'
            : `Account${sender.account}`,
        statement: {
          Effect: 'Allow',
          Principal:
            'organization' in sender
              ? '*'
              : { AWS: `arn:${this.partition}:iam::${sender.account}:root` },
          Action: 'events:PutEvents',
          Resource: this.bus.eventBusArn,
          ...('organization' in sender
            ? {
                Condition: {
                  StringEquals: { 'aws:PrincipalOrgID': sender.organization },
                },
              }
            : {}),
        },
      });
    });

    const buses: Array<[string, IEventBus | undefined]> = [
      ['Central', this.bus],
      ['Default', undefined],
    ];
    const rules: Rule[] = [];
    for (const [name, bus] of buses) {
      cloudopsEventPatterns().forEach((pattern, i) => {
        rules.push(
          new Rule(this, `${name}${i}`, {
            description: `CloudOps AI: ${pattern.source[0]} events to the queue`,
            eventBus: bus,
            eventPattern: pattern,
            targets: [new QueueTarget(this.queue, deadLetters)],
          }),
        );
      });
    }
    for (const queue of [this.queue, deadLetters]) {
      queue.addToResourcePolicy(
        new PolicyStatement({
          sid: 'CloudOpsRulesSendEvents',
          principals: [events],
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
          conditions: {
            ArnEquals: { 'aws:SourceArn': rules.map(r => r.ruleArn) },
          },
        }),
      );
    }

    new ManagedPolicy(this, 'ConsumerPolicy', {
      managedPolicyName: 'cloudops-events-consumer',
      description:
        'Attach to the role Backstage runs as: reads the CloudOps events queue',
      document: loadPolicy('events-queue-consumer', {
        QueueName: this.queue.queueName,
        KeyId: key.keyId,
      }),
    });
    const backstageRoles = this.backstageRoles(props.backstagePrincipalArn);
    if (props.pricing) {
      new ManagedPolicy(this, 'PricingPolicy', {
        managedPolicyName: 'cloudops-pricing',
        description:
          'For the role Backstage runs as: current prices from the AWS Price List Query API (cloudops.aws.pricing)',
        document: loadPolicy('pricing'),
        roles: backstageRoles,
      });
    }
    if (props.bedrockNarrative) {
      new ManagedPolicy(this, 'BedrockNarrativePolicy', {
        managedPolicyName: 'cloudops-bedrock-narrative',
        description:
          'For the role Backstage runs as: the Bedrock model that narrates root-cause analyses (cloudops.aws.bedrock)',
        document: loadPolicy('bedrock-narrative', {
          InferenceProfileId: props.bedrockNarrative.inferenceProfileId,
          ModelId: props.bedrockNarrative.modelId,
        }),
        roles: backstageRoles,
      });
    }
    new CfnOutput(this, 'QueueUrl', { value: this.queue.queueUrl });
    new CfnOutput(this, 'EventBusArn', { value: this.bus.eventBusArn });
  }

  /**
   * Backstage's role when it is a role of this account, which the optional
   * policies are attached to; otherwise (a role elsewhere, an account root)
   * they are only created, for you to attach.
   */
  private backstageRoles(arn: string): IRole[] {
    const match = /^arn:[^:]+:iam::(\d{12}):role\//.exec(arn);
    return match && match[1] === this.account
      ? [Role.fromRoleArn(this, 'BackstageRole', arn)]
      : [];
  }
}
