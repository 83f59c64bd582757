import {
  CloudWatchClient,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  AwsTestEnvironment,
  MAIN_ACCOUNT,
  ROLE_NAME,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { AwsCallError } from './AwsClients';

const A = '111111111111';
const B = '222222222222';
const describeAlarms = (client: CloudWatchClient) =>
  client.send(new DescribeAlarmsCommand({}));

describe('AwsClients', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([A]);
  });
  afterEach(() => env.stop());

  // The fake's roles require EXTERNAL_ID: AssumeRole without it is denied.
  it('calls each account with the role assumed through STS (external id), once per account', async () => {
    const clients = env.clients();
    await clients.call(
      { account: A, region: 'us-east-1' },
      CloudWatchClient,
      describeAlarms,
    );
    await clients.call(
      { account: A, region: 'eu-west-1' },
      CloudWatchClient,
      describeAlarms,
    );
    const assumed = env.fake.callsTo('sts', 'AssumeRole');
    expect(assumed).toHaveLength(1);
    expect(assumed[0].account).toBe(MAIN_ACCOUNT);
    expect(
      env.fake.callsTo('monitoring').map(c => [c.account, c.region]),
    ).toEqual([
      [A, 'us-east-1'],
      [A, 'eu-west-1'],
    ]);
    expect(env.fake.identities.sessions(A)[0].arn).toBe(
      `arn:aws:sts::${A}:assumed-role/${ROLE_NAME}/backstage`,
    );
  });

  it('fails an account whose role denies access, naming the account', async () => {
    env.fake.addAccount(B, { name: ROLE_NAME, trust: 'deny' });
    const clients = env.clients();
    const error = await clients
      .call(
        { account: B, region: 'us-east-1' },
        CloudWatchClient,
        describeAlarms,
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error.message).toMatch(
      /^222222222222 us-east-1: AccessDenied: .*not authorized to perform: sts:AssumeRole/,
    );
  });

  it('assumes the role again when AWS says the session expired early', async () => {
    const clients = env.clients();
    const target = { account: A, region: 'us-east-1' };
    await clients.call(target, CloudWatchClient, describeAlarms);
    env.fake.identities.expireSessions(A);
    await clients.call(target, CloudWatchClient, describeAlarms);
    expect(env.fake.callsTo('sts', 'AssumeRole')).toHaveLength(2);
    expect(env.fake.callsTo('monitoring').map(c => c.code ?? c.status)).toEqual(
      [200, 'ExpiredToken', 200],
    );
  });

  it('keeps retrying throttling and server errors after the SDK gives up', async () => {
    const clients = env.clients({ maxAttempts: 2 });
    env.fake.injectFault({ service: 'monitoring', kind: 'throttle', times: 3 });
    env.fake.injectFault({
      service: 'monitoring',
      kind: 'server-error',
      times: 2,
    });
    await clients.call(
      { account: A, region: 'us-east-1' },
      CloudWatchClient,
      describeAlarms,
    );
    expect(env.fake.callsTo('monitoring', 'DescribeAlarms')).toHaveLength(6);

    env.fake.injectFault({
      service: 'monitoring',
      kind: 'throttle',
      times: 100,
    });
    await expect(
      clients.call(
        { account: A, region: 'us-east-1' },
        CloudWatchClient,
        describeAlarms,
      ),
    ).rejects.toThrow(/^111111111111 us-east-1: Throttling/);
  });

  it('bounds the calls in flight', async () => {
    const clients = env.clients({ maxConcurrentCalls: 2 });
    env.fake.latencyMs = 50;
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        clients.call(
          { account: A, region: 'us-east-1' },
          CloudWatchClient,
          async client => {
            inFlight += 1;
            peak = Math.max(peak, inFlight);
            try {
              return await describeAlarms(client);
            } finally {
              inFlight -= 1;
            }
          },
        ),
      ),
    );
    expect(peak).toBe(2);
  });
});
