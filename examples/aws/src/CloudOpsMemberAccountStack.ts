import { Duration, Stack, StackProps } from 'aws-cdk-lib/core';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import {
  ArnPrincipal,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { CfnDocument } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { automationDocuments } from './documents';
import { cloudopsEventPatterns } from './eventPatterns';
import { loadPolicy } from './policies';

export interface CloudOpsMemberAccountProps extends StackProps {
  /** The IAM principal Backstage runs as: a role ARN (or an account root ARN). */
  backstagePrincipalArn: string;
  /** The external id Backstage passes (`aws.accountDefaults.externalId`). */
  externalId: string;
  /** Defaults to `cloudops-readonly` (`aws.accountDefaults.roleName`). */
  detectionRoleName?: string;
  /** The remediation role, or false for a read-only account. */
  remediation?: false | { roleName?: string; externalId?: string };
  /** The central event bus: this account's events are forwarded there. */
  eventBusArn?: string;
  /** In the management account: lets the detection role list the organisation's accounts. */
  organizationsDiscovery?: boolean;
}

/**
 * What CloudOps needs in each account it watches (deploy it to every member
 * account, e.g. with a CloudFormation StackSet): the read-only detection role
 * Backstage assumes, a separate remediation role that can only start the
 * CloudOps SSM Automation documents, the role those automations run as
 * (limited to resources tagged `cloudops:remediation=enabled`), the
 * documents themselves, and a rule forwarding the events CloudOps reads to
 * the central event bus.
 */
export class CloudOpsMemberAccountStack extends Stack {
  readonly detectionRole: Role;
  readonly remediationRole?: Role;

  constructor(scope: Construct, id: string, props: CloudOpsMemberAccountProps) {
    super(scope, id, props);
    const backstage = new ArnPrincipal(props.backstagePrincipalArn);

    this.detectionRole = new Role(this, 'DetectionRole', {
      roleName: props.detectionRoleName ?? 'cloudops-readonly',
      description:
        'CloudOps AI detection: reads CloudWatch metrics, alarms and Logs Insights, and the resources its waste detectors judge',
      assumedBy: backstage.withConditions({
        StringEquals: { 'sts:ExternalId': props.externalId },
      }),
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: {
        CloudWatchDetection: loadPolicy('cloudwatch-detection'),
        LogsEvidence: loadPolicy('logs-evidence'),
        WasteDetection: loadPolicy('waste-detection'),
        ...(props.organizationsDiscovery
          ? { OrganizationsDiscovery: loadPolicy('organizations-discovery') }
          : {}),
      },
    });

    if (props.remediation !== false) {
      const automationRole = new Role(this, 'AutomationRole', {
        roleName: 'cloudops-automation',
        description: 'CloudOps AI SSM Automation documents run as this role',
        assumedBy: new ServicePrincipal('ssm.amazonaws.com').withConditions({
          StringEquals: { 'aws:SourceAccount': this.account },
        }),
        inlinePolicies: {
          AutomationExecution: loadPolicy('automation-execution'),
        },
      });
      this.remediationRole = new Role(this, 'RemediationRole', {
        roleName: props.remediation?.roleName ?? 'cloudops-remediation',
        description:
          'CloudOps AI remediation: starts the CloudOps SSM Automation documents, nothing else',
        assumedBy: backstage.withConditions({
          StringEquals: {
            'sts:ExternalId': props.remediation?.externalId ?? props.externalId,
          },
        }),
        maxSessionDuration: Duration.hours(1),
        inlinePolicies: {
          Remediation: loadPolicy('remediation', {
            AutomationRoleName: automationRole.roleName,
          }),
        },
      });
      for (const document of automationDocuments()) {
        new CfnDocument(this, document.name, {
          name: document.name,
          documentType: 'Automation',
          documentFormat: 'YAML',
          content: document.content,
          updateMethod: 'NewVersion',
          // Read by the cost-safe policy of the aws-ssm-automation
          // remediation executor.
          tags: [{ key: 'cloudops:cost-impact', value: document.costImpact }],
        });
      }
    }

    if (props.eventBusArn) {
      const bus = EventBus.fromEventBusArn(
        this,
        'CentralBus',
        props.eventBusArn,
      );
      const forwarder = new Role(this, 'EventForwarderRole', {
        assumedBy: new ServicePrincipal('events.amazonaws.com'),
      });
      forwarder.addToPolicy(
        new PolicyStatement({
          actions: ['events:PutEvents'],
          resources: [props.eventBusArn],
        }),
      );
      cloudopsEventPatterns().forEach((pattern, i) => {
        new Rule(this, `Forward${i}`, {
          description: `CloudOps AI: ${pattern.source[0]} events to the central bus`,
          eventPattern: pattern,
          targets: [new EventBusTarget(bus, { role: forwarder })],
        });
      });
    }
  }
}
