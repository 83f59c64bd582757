import { App } from 'aws-cdk-lib/core';
import { CloudOpsEventsStack } from './CloudOpsEventsStack';
import { CloudOpsMemberAccountStack } from './CloudOpsMemberAccountStack';

/**
 * The CloudOps AWS kit as a CDK app. Context (`-c name=value` or cdk.json):
 *
 * - `backstagePrincipalArn` (required): the IAM role Backstage runs as
 * - `externalId` (required): the external id in `aws.accountDefaults.externalId`
 * - `centralAccount` (required): where Backstage runs; gets the events queue
 * - `region` (default us-east-1)
 * - `memberAccounts`: comma-separated accounts to watch (or deploy the
 *   member template with a StackSet instead)
 * - `organizationId`: lets every account of the organisation send events
 * - `managementAccount`: the member stack there can list the organisation
 * - `pricing=true`: a `cloudops-pricing` managed policy for Backstage's role
 *   (`cloudops.aws.pricing.enabled`)
 * - `bedrockInferenceProfileId` and `bedrockModelId` (both): a
 *   `cloudops-bedrock-narrative` managed policy for Backstage's role
 *   (`cloudops.aws.bedrock`)
 */
export function buildApp(app: App): App {
  const context = (name: string, required = false): string | undefined => {
    const value = app.node.tryGetContext(name);
    if (required && (typeof value !== 'string' || value === '')) {
      throw new Error(
        `Missing context "${name}": pass -c ${name}=... (see examples/aws/README.md)`,
      );
    }
    return value;
  };
  const backstagePrincipalArn = context('backstagePrincipalArn', true)!;
  const externalId = context('externalId', true)!;
  const centralAccount = context('centralAccount', true)!;
  const region = context('region') ?? 'us-east-1';
  const members = (context('memberAccounts') ?? '')
    .split(',')
    .map(a => a.trim())
    .filter(Boolean);
  for (const account of [centralAccount, ...members]) {
    if (!/^\d{12}$/.test(account)) {
      throw new Error(`"${account}" is not a 12-digit AWS account id`);
    }
  }

  const inferenceProfileId = context('bedrockInferenceProfileId');
  const modelId = context('bedrockModelId');
  if (Boolean(inferenceProfileId) !== Boolean(modelId)) {
    throw new Error(
      'Context "bedrockInferenceProfileId" and "bedrockModelId" go together: pass both for the Bedrock narrative policy, or neither',
    );
  }

  const events = new CloudOpsEventsStack(app, 'CloudOpsEvents', {
    env: { account: centralAccount, region },
    backstagePrincipalArn,
    organizationId: context('organizationId'),
    sourceAccounts: members.filter(a => a !== centralAccount),
    pricing: String(app.node.tryGetContext('pricing')) === 'true',
    bedrockNarrative:
      inferenceProfileId && modelId
        ? { inferenceProfileId, modelId }
        : undefined,
  });
  const eventBusArn = `arn:aws:events:${region}:${centralAccount}:event-bus/cloudops`;
  for (const account of members) {
    new CloudOpsMemberAccountStack(app, `CloudOpsMember-${account}`, {
      env: { account, region },
      backstagePrincipalArn,
      externalId,
      eventBusArn: account === centralAccount ? undefined : eventBusArn,
      organizationsDiscovery: account === context('managementAccount'),
    }).addStackDependency(events);
  }
  return app;
}

if (require.main === module) {
  buildApp(new App()).synth();
}
