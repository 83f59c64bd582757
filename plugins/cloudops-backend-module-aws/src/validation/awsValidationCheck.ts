import {
  CloudWatchClient,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { ValidationResult } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsValidationCheck } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccount, AwsAccounts } from '../accounts/AwsAccounts';
import { OrganizationsAccounts } from '../accounts/OrganizationsAccounts';
import { AwsClients, AwsTarget } from '../clients/AwsClients';
import { describeAwsError } from '../clients/awsErrors';
import { readAwsModuleOptions } from '../options';

const CHECK = 'aws';

function failure(target: string, error: unknown): ValidationResult {
  const cause = (error as { cause?: unknown }).cause ?? error;
  return {
    check: CHECK,
    target,
    status: 'fail',
    detail: describeAwsError(cause),
  };
}

/** Who the credentials of `target` are: GetCallerIdentity. */
async function identity(
  clients: AwsClients,
  target: AwsTarget,
  signal: AbortSignal,
): Promise<string> {
  const answer = await clients.call(
    target,
    STSClient,
    client =>
      client.send(new GetCallerIdentityCommand({}), { abortSignal: signal }),
    signal,
  );
  return answer.Arn ?? `account ${answer.Account}`;
}

/** One account: its identity (the assumed role) and a CloudWatch read per region. */
async function checkAccount(
  clients: AwsClients,
  account: AwsAccount,
  signal: AbortSignal,
): Promise<ValidationResult[]> {
  const target = `account ${account.accountId}`;
  let arn: string;
  try {
    arn = await identity(
      clients,
      { account: account.accountId, region: account.regions[0] },
      signal,
    );
  } catch (error) {
    return [failure(target, error)];
  }
  const reads = await Promise.all(
    account.regions.map(async region => {
      try {
        await clients.call(
          { account: account.accountId, region },
          CloudWatchClient,
          client =>
            client.send(new DescribeAlarmsCommand({ MaxRecords: 1 }), {
              abortSignal: signal,
            }),
          signal,
        );
        return undefined;
      } catch (error) {
        return `${region}: ${describeAwsError(
          (error as { cause?: unknown }).cause ?? error,
        )}`;
      }
    }),
  );
  const failed = reads.filter((r): r is string => r !== undefined);
  return [
    {
      check: CHECK,
      target,
      status: failed.length > 0 ? 'fail' : 'pass',
      detail:
        failed.length > 0
          ? `credentials work (${arn}) but CloudWatch reads fail: ${failed.join(
              '; ',
            )}`
          : `${arn}; CloudWatch readable in ${account.regions.join(', ')}`,
    },
  ];
}

/**
 * The AWS set-up, through the module's own clients and Backstage's AWS
 * credentials manager: the main credentials (GetCallerIdentity), the
 * account list (with AWS Organizations when enabled), and per account the
 * role the module assumes and a CloudWatch read in each region. Reads only.
 *
 * @public
 */
export function awsValidationCheck(options: {
  config: Config;
  logger: LoggerService;
}): CloudopsValidationCheck {
  return {
    id: CHECK,
    async run({ signal }) {
      let moduleOptions;
      try {
        moduleOptions = readAwsModuleOptions(options.config);
      } catch (error) {
        return [
          {
            check: CHECK,
            target: 'cloudops.aws',
            status: 'fail',
            detail: (error as Error).message,
          },
        ];
      }
      if (!moduleOptions) {
        return [
          {
            check: CHECK,
            target: 'aws.accounts, cloudops.aws',
            status: 'skip',
            detail: 'not configured: no AWS account is read',
          },
        ];
      }
      const clients = new AwsClients({
        credentialsManager: DefaultAwsCredentialsManager.fromConfig(
          options.config,
        ),
        maxConcurrentCalls: moduleOptions.maxConcurrentCalls,
        maxAttempts: 1,
        logger: options.logger,
        backoffMs: 100,
      });
      try {
        const results: ValidationResult[] = [];
        try {
          const arn = await identity(
            clients,
            { region: moduleOptions.regions[0] },
            signal,
          );
          results.push({
            check: CHECK,
            target: 'main credentials',
            status: 'pass',
            detail: arn,
          });
        } catch (error) {
          results.push(failure('main credentials', error));
        }
        const accounts = new AwsAccounts(
          moduleOptions,
          moduleOptions.organizations &&
            new OrganizationsAccounts(clients, moduleOptions.organizations),
        );
        let list: AwsAccount[];
        try {
          list = await accounts.list(signal);
        } catch (error) {
          results.push(failure('AWS Organizations', error));
          return results;
        }
        if (moduleOptions.organizations) {
          results.push({
            check: CHECK,
            target: 'AWS Organizations',
            status: 'pass',
            detail: `${list.length} accounts to read`,
          });
        }
        if (list.length === 0) {
          results.push({
            check: CHECK,
            target: 'accounts',
            status: 'warn',
            detail:
              'no account to read: list them in aws.accounts or cloudops.aws.accounts, or enable cloudops.aws.organizations',
          });
        }
        for (const rows of await Promise.all(
          list.map(account => checkAccount(clients, account, signal)),
        )) {
          results.push(...rows);
        }
        return results;
      } finally {
        clients.destroy();
      }
    },
  };
}
