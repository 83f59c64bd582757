import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { JsonObject } from '@backstage/types';
import { AwsClients } from '../clients/AwsClients';
import { FakeAws, Identity } from './fakeAws';

/** The account whose key the backend holds (and that calls Organizations). */
export const MAIN_ACCOUNT = '999999999999';
export const ROLE_NAME = 'cloudops-readonly';
export const EXTERNAL_ID = 'cloudops-test';

export interface AwsTestEnvironment {
  fake: FakeAws;
  main: Identity;
  /** Backstage's `aws` integration config: the main key and the role to assume. */
  awsConfig: JsonObject;
  clients(options?: {
    maxConcurrentCalls?: number;
    maxAttempts?: number;
  }): AwsClients;
  stop(): Promise<void>;
}

/**
 * Starts the AWS fake with a main account whose key the backend holds and
 * member accounts with the role it assumes, and points this process's SDK
 * clients at it through the SDK's own `AWS_ENDPOINT_URL` setting (which
 * reaches the STS client Backstage's credentials manager creates).
 */
export async function startAwsTestEnvironment(
  accounts: string[],
): Promise<AwsTestEnvironment> {
  const fake = await FakeAws.start();
  const main = fake.identities.addUser(MAIN_ACCOUNT);
  for (const account of accounts) {
    fake.addAccount(account, { name: ROLE_NAME, externalId: EXTERNAL_ID });
  }
  const previous = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = fake.endpoint;
  const awsConfig = {
    mainAccount: {
      accessKeyId: main.accessKeyId,
      secretAccessKey: main.secretAccessKey,
    },
    accountDefaults: { roleName: ROLE_NAME, externalId: EXTERNAL_ID },
  };
  const created: AwsClients[] = [];
  return {
    fake,
    main,
    awsConfig,
    clients(options = {}) {
      const clients = new AwsClients({
        credentialsManager: DefaultAwsCredentialsManager.fromConfig(
          new ConfigReader({ aws: awsConfig }),
        ),
        maxConcurrentCalls: options.maxConcurrentCalls ?? 8,
        maxAttempts: options.maxAttempts ?? 3,
        logger: mockServices.logger.mock(),
        backoffMs: 10,
      });
      created.push(clients);
      return clients;
    },
    async stop() {
      created.forEach(c => c.destroy());
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = previous;
      await fake.stop();
    },
  };
}
