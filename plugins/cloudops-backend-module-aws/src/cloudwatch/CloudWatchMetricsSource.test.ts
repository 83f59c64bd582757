import { mockServices } from '@backstage/backend-test-utils';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { AwsAccounts } from '../accounts/AwsAccounts';
import { awsComponent } from '../__testUtils__/awsEntities';
import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { parseResourceArn } from './arnDimensions';
import { CloudWatchMetricsSource } from './CloudWatchMetricsSource';
import { EntityResources, ResourceCatalog } from './ResourceCatalog';

const A = '111111111111';
const B = '222222222222';
const REGION = 'us-east-1';
const NOW = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;

function instances(account: string, count: number): EntityResources {
  const arns = Array.from(
    { length: count },
    (_, i) =>
      `arn:aws:ec2:${REGION}:${account}:instance/i-${(i + 1)
        .toString(16)
        .padStart(8, '0')}`,
  );
  return {
    entity: awsComponent(`fleet-${account}`, []),
    ref: `component:default/fleet-${account}`,
    resources: arns.map(arn => parseResourceArn(arn)!),
  };
}

const cpu: Rule = {
  id: 'ec2-cpu',
  match: { kind: 'metric', source: 'cloudwatch', name: 'CPUUtilization' },
  query: {
    cloudwatch: {
      namespace: 'AWS/EC2',
      metric: 'CPUUtilization',
      stat: 'Maximum',
    },
  },
  condition: { type: 'threshold', op: '>', value: 90 },
  severity: 'warning',
};

describe('CloudWatchMetricsSource', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([A, B]);
    // Every series has one datapoint per minute: its instance number.
    env.fake.cloudwatch.metrics.synthetic = (key, _stat, at) =>
      Number.parseInt(key.dimensions[0]?.Value.slice(2) ?? '0', 16) + at / 1e15;
  });
  afterEach(() => env.stop());

  function source(
    entities: EntityResources[],
    options: { accountsPerShard?: number } = {},
  ) {
    const accounts = new AwsAccounts({
      accounts: [{ accountId: A }, { accountId: B }],
      regions: [REGION],
      accountsPerShard: options.accountsPerShard ?? 1,
    });
    const catalog = {
      entities: async () => entities,
    } as unknown as ResourceCatalog;
    return {
      accounts,
      source: new CloudWatchMetricsSource({
        accounts,
        clients: env.clients(),
        catalog,
        logger: mockServices.logger.mock(),
        schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
        lookbackPeriods: 3,
        now: () => NOW,
      }),
    };
  }

  it('reads 1,200 metrics of an account in ⌈1200 / 500⌉ = 3 GetMetricData calls, as signals', async () => {
    const { accounts, source: metrics } = source([instances(A, 1200)]);
    expect(await accounts.shards()).toEqual([A, B]);
    const { signals, problems } = await metrics.read(A, [cpu]);
    expect(problems).toEqual([]);
    expect(env.fake.callsTo('monitoring', 'GetMetricData', A)).toHaveLength(3);
    expect(env.fake.cloudwatch.metricsRequested).toBe(1200);
    // Three complete minutes of each of 1,200 series.
    expect(signals).toHaveLength(3600);
    const first = signals.find(s => s.resource?.endsWith('i-00000001'))!;
    expect(first).toMatchObject({
      source: 'cloudwatch',
      kind: 'metric',
      name: 'CPUUtilization',
      account: A,
      region: REGION,
      entityRef: `component:default/fleet-${A}`,
      labels: {
        namespace: 'AWS/EC2',
        stat: 'Maximum',
        period: '60',
        InstanceId: 'i-00000001',
      },
    });
    expect(Math.floor(first.value!)).toBe(1);
    const times = [...new Set(signals.map(s => s.timestamp))].sort();
    const end = Math.floor(NOW / 60_000) * 60_000;
    expect(times).toEqual(
      [3, 2, 1].map(m => new Date(end - m * 60_000).toISOString()),
    );

    // The same period again has nothing new: no call.
    expect(await metrics.read(A, [cpu])).toEqual({ signals: [], problems: [] });
    expect(env.fake.callsTo('monitoring', 'GetMetricData', A)).toHaveLength(3);
    // B has no resources of the rule: nothing to read, no call.
    expect(await metrics.read(B, [cpu])).toEqual({ signals: [], problems: [] });
    expect(env.fake.callsTo('monitoring', 'GetMetricData', B)).toHaveLength(0);
  });

  it('follows NextToken through PartialData pages and misses no datapoint', async () => {
    env.fake.cloudwatch.maxDatapointsPerPage = 100;
    const { source: metrics } = source([instances(A, 250)]);
    const { signals, problems } = await metrics.read(A, [cpu]);
    expect(problems).toEqual([]);
    expect(signals).toHaveLength(750);
    expect(new Set(signals.map(s => `${s.resource}|${s.timestamp}`)).size).toBe(
      750,
    );
    expect(env.fake.callsTo('monitoring', 'GetMetricData', A)).toHaveLength(8);
  });

  it('computes metric math in CloudWatch', async () => {
    const { source: metrics } = source([instances(A, 2)]);
    const { signals } = await metrics.read(A, [
      {
        ...cpu,
        id: 'cpu-headroom',
        match: { kind: 'metric', source: 'cloudwatch' },
        query: {
          cloudwatch: {
            expression: '100 - used',
            metrics: {
              used: {
                namespace: 'AWS/EC2',
                metric: 'CPUUtilization',
                stat: 'Average',
              },
            },
          },
        },
      },
    ]);
    expect(
      signals.map(s => Math.round(s.value!)).sort((a, b) => a - b),
    ).toEqual([98, 98, 98, 99, 99, 99]);
    expect(signals.every(s => s.name === 'cpu-headroom')).toBe(true);
    expect(signals).toHaveLength(6);
  });

  it('keeps what it read when CloudWatch fails some queries, and says which', async () => {
    env.fake.cloudwatch.queryStatus = key =>
      key.dimensions[0]?.Value === 'i-00000002' ? 'InternalError' : undefined;
    const { source: metrics } = source([instances(A, 3)]);
    const { signals, problems } = await metrics.read(A, [cpu]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^111111111111 us-east-1: 1 CloudWatch query failed: CPUUtilization \(arn:aws:ec2:us-east-1:111111111111:instance\/i-00000002\): InternalError/,
    );
    expect(signals).toHaveLength(6);
  });

  it('reads the other accounts of a group when one denies access', async () => {
    env.fake.deny(B, 'cloudwatch:GetMetricData');
    const { accounts, source: metrics } = source(
      [instances(A, 5), instances(B, 5)],
      { accountsPerShard: 10 },
    );
    const [group] = await accounts.shards();
    expect(group).toBe('accounts-1-of-1');
    const { signals, problems } = await metrics.read(group, [cpu]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^222222222222 us-east-1: AccessDenied: /);
    expect(signals.every(s => s.account === A)).toBe(true);
    expect(signals).toHaveLength(15);
  });
});
