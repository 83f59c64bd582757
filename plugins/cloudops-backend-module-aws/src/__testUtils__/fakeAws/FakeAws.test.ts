import {
  CloudWatchClient,
  GetMetricDataCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { FakeAws } from './FakeAws';
import { Identity } from './FakeIdentities';

const REGION = 'eu-west-1';

function credentials(identity: Identity) {
  return {
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    sessionToken: identity.sessionToken,
  };
}

describe('FakeAws', () => {
  let fake: FakeAws;
  let user: Identity;
  const client = <T>(
    Client: new (config: any) => T,
    identity: Identity = user,
    extra: object = {},
  ) =>
    new Client({
      endpoint: fake.endpoint,
      region: REGION,
      credentials: credentials(identity),
      ...extra,
    });

  beforeEach(async () => {
    fake = await FakeAws.start();
    user = fake.identities.addUser('999999999999');
  });
  afterEach(() => fake.stop());

  it('verifies SigV4 with the issued secret and rejects a wrong one', async () => {
    const sts = client(STSClient);
    await expect(
      sts.send(new GetCallerIdentityCommand({})),
    ).resolves.toMatchObject({ Account: '999999999999' });

    const forged = client(STSClient, { ...user, secretAccessKey: 'nope' });
    await expect(
      forged.send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  it('assumes roles with external ids, and refuses untrusted ones', async () => {
    fake.addAccount('111111111111', { name: 'cloudops', externalId: 'x-1' });
    fake.addAccount('222222222222', { name: 'cloudops', trust: 'deny' });
    const sts = client(STSClient);
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::111111111111:role/cloudops',
        RoleSessionName: 's',
        ExternalId: 'x-1',
      }),
    );
    expect(Credentials?.Expiration).toBeInstanceOf(Date);
    const assumed = client(STSClient, {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    } as Identity);
    await expect(
      assumed.send(new GetCallerIdentityCommand({})),
    ).resolves.toMatchObject({ Account: '111111111111' });

    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::111111111111:role/cloudops',
          RoleSessionName: 's',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::222222222222:role/cloudops',
          RoleSessionName: 's',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('computes statistics and metric math, pages datapoints and reports failed queries', async () => {
    const cw = client(CloudWatchClient);
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'App',
        MetricData: Array.from({ length: 10 }, (_, i) => ({
          MetricName: 'Requests',
          Timestamp: new Date(base + i * 60_000 + 1000),
          Value: 10 * (i + 1),
        })),
      }),
    );
    fake.cloudwatch.maxDatapointsPerPage = 7;
    const metric = { Namespace: 'App', MetricName: 'Requests' };
    const input = {
      StartTime: new Date(base),
      EndTime: new Date(base + 10 * 60_000),
      MetricDataQueries: [
        { Id: 'm1', MetricStat: { Metric: metric, Period: 60, Stat: 'Sum' } },
        { Id: 'e1', Expression: 'm1 * 2' },
      ],
    };
    const first = await cw.send(new GetMetricDataCommand(input));
    expect(first.NextToken).toBeDefined();
    expect(first.MetricDataResults).toEqual([
      expect.objectContaining({ Id: 'm1', StatusCode: 'PartialData' }),
    ]);
    expect(first.MetricDataResults![0].Timestamps![0]).toBeInstanceOf(Date);
    const pages = [first];
    while (pages[pages.length - 1].NextToken) {
      pages.push(
        await cw.send(
          new GetMetricDataCommand({
            ...input,
            NextToken: pages[pages.length - 1].NextToken,
          }),
        ),
      );
    }
    const values = (id: string) =>
      pages
        .flatMap(p => p.MetricDataResults ?? [])
        .filter(r => r.Id === id)
        .flatMap(r => r.Values ?? []);
    expect(values('m1').sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, i) => 10 * (i + 1)),
    );
    expect(values('e1').reduce((a, b) => a + b, 0)).toBe(2 * 550);

    fake.cloudwatch.queryStatus = () => 'InternalError';
    const failed = await cw.send(new GetMetricDataCommand(input));
    expect(failed.MetricDataResults?.[0]).toMatchObject({
      StatusCode: 'InternalError',
      Messages: [expect.objectContaining({ Code: 'InternalError' })],
    });

    await expect(
      cw.send(
        new GetMetricDataCommand({
          ...input,
          MetricDataQueries: Array.from({ length: 501 }, (_, i) => ({
            Id: `m${i}`,
            MetricStat: { Metric: metric, Period: 60, Stat: 'Sum' },
          })),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
  });

  it('throttles and fails with 5xx so the SDK retries, then succeeds', async () => {
    const cw = client(CloudWatchClient);
    fake.injectFault({ service: 'monitoring', kind: 'throttle', times: 1 });
    fake.injectFault({ service: 'monitoring', kind: 'server-error', times: 1 });
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'App',
        MetricData: [{ MetricName: 'X', Value: 1 }],
      }),
    );
    expect(
      fake.callsTo('monitoring', 'PutMetricData').map(c => c.code ?? c.status),
    ).toEqual(['Throttling', 'InternalFailure', 200]);

    fake.injectFault({ service: 'monitoring', kind: 'throttle', times: 3 });
    await expect(
      cw.send(
        new PutMetricDataCommand({
          Namespace: 'App',
          MetricData: [{ MetricName: 'X', Value: 1 }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'Throttling' });
  });

  it('refuses expired sessions and denied actions with each protocol’s codes', async () => {
    fake.addAccount('111111111111', { name: 'cloudops' });
    const { Credentials } = await client(STSClient).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::111111111111:role/cloudops',
        RoleSessionName: 's',
      }),
    );
    const session = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    } as Identity;
    fake.deny('111111111111', 'logs:*');
    await expect(
      client(CloudWatchLogsClient, session).send(
        new StartQueryCommand({
          logGroupName: 'g',
          startTime: 0,
          endTime: 1,
          queryString: 'fields @message',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });

    fake.identities.expireSessions('111111111111');
    await expect(
      client(CloudWatchClient, session).send(
        new PutMetricDataCommand({
          Namespace: 'A',
          MetricData: [{ MetricName: 'X', Value: 1 }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExpiredToken' });
  });

  it('runs Logs Insights queries over stored events', async () => {
    const now = Date.now();
    // Both errors in one minute, whatever the clock says (1 s apart they
    // could straddle a minute and make two bins).
    const minute = Math.floor((now - 120_000) / 60_000) * 60_000;
    fake.logs.putEvents('999999999999', REGION, '/app/checkout', [
      { timestamp: minute + 1_000, message: 'ERROR payment timeout id=1' },
      { timestamp: minute + 2_000, message: 'ERROR payment timeout id=2' },
      { timestamp: minute + 61_000, message: 'INFO ok' },
    ]);
    const logs = client(CloudWatchLogsClient);
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupNames: ['/app/checkout'],
        startTime: Math.floor((now - 600_000) / 1000),
        endTime: Math.ceil(now / 1000),
        queryString:
          'filter @message like /(?i)error/ | stats count(*) as errors by bin(1m)',
      }),
    );
    const running = await logs.send(new GetQueryResultsCommand({ queryId }));
    expect(running.status).toBe('Running');
    const done = await logs.send(new GetQueryResultsCommand({ queryId }));
    expect(done.status).toBe('Complete');
    expect(done.results).toEqual([
      [
        { field: 'bin(1m)', value: expect.stringMatching(/^\d{4}-/) },
        { field: 'errors', value: '2' },
      ],
    ]);
  });

  it('pages Organizations accounts 20 at a time', async () => {
    fake.organizations.managementAccount = '999999999999';
    for (let i = 0; i < 45; i++) {
      fake.organizations.accounts.push({
        Id: String(100000000000 + i),
        Name: `a${i}`,
        parent: 'r-fake',
      });
    }
    const orgs = client(OrganizationsClient, user, { region: 'us-east-1' });
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client: orgs }, {})) {
      ids.push(...(page.Accounts ?? []).map(a => a.Id!));
    }
    expect(ids).toHaveLength(45);
    expect(fake.callsTo('organizations', 'ListAccounts')).toHaveLength(3);
  });
});
