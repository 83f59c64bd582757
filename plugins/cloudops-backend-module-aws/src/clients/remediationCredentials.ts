import { Config, ConfigReader } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';

/**
 * Credentials for remediation: Backstage's AWS integration configuration
 * with every account's role replaced by the remediation role (the kit's
 * `cloudops-remediation`, which may only start the CloudOps automation
 * documents), so remediation never runs with the detection role and
 * detection never holds the right to change anything. Accounts configured
 * with static keys keep them.
 */
export function remediationCredentialsManager(
  root: Config,
  role: { roleName: string; externalId?: string },
): AwsCredentialsManager {
  const aws = (root.getOptional('aws') ?? {}) as Record<string, any>;
  const withRole = (account: Record<string, any>) =>
    account.accessKeyId || account.profile
      ? account
      : {
          ...account,
          roleName: role.roleName,
          ...(role.externalId ? { externalId: role.externalId } : {}),
        };
  return DefaultAwsCredentialsManager.fromConfig(
    new ConfigReader({
      aws: {
        ...aws,
        accountDefaults: withRole(aws.accountDefaults ?? {}),
        ...(aws.accounts
          ? {
              accounts: (aws.accounts as Array<Record<string, any>>).map(
                withRole,
              ),
            }
          : {}),
      },
    }),
  );
}
