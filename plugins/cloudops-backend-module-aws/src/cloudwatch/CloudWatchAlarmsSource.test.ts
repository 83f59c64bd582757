import { AwsAccounts } from '../accounts/AwsAccounts';
import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { CloudWatchAlarmsSource } from './CloudWatchAlarmsSource';

const A = '111111111111';
const REGION = 'eu-west-1';
const NOW = Date.now();

describe('CloudWatchAlarmsSource', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([A]);
  });
  afterEach(() => env.stop());

  function source() {
    return new CloudWatchAlarmsSource({
      accounts: new AwsAccounts({
        accounts: [{ accountId: A }],
        regions: [REGION],
        accountsPerShard: 1,
      }),
      clients: env.clients(),
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
      resolvedWithinMs: 60 * 60_000,
      now: () => NOW,
    });
  }

  it('reports alarms in ALARM as firing and recent returns to OK as resolved, across pages', async () => {
    for (let i = 0; i < 230; i++) {
      env.fake.cloudwatch.putAlarm(A, REGION, {
        AlarmName: `quiet-${String(i).padStart(3, '0')}`,
        StateValue: 'OK',
        StateUpdatedTimestamp: new Date(NOW - 2 * 60 * 60_000),
      });
    }
    env.fake.cloudwatch.putAlarm(A, REGION, {
      AlarmName: 'orders-RDS-CPU-high',
      StateValue: 'ALARM',
      StateReason: 'Threshold Crossed: 3 datapoints were greater than 90',
      StateUpdatedTimestamp: new Date(NOW - 3 * 60 * 60_000),
      Namespace: 'AWS/RDS',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'orders' }],
    });
    env.fake.cloudwatch.putAlarm(A, REGION, {
      AlarmName: 'shop-ALB-5XX',
      StateValue: 'OK',
      StateUpdatedTimestamp: new Date(NOW - 5 * 60_000),
    });
    env.fake.cloudwatch.putAlarm(A, REGION, {
      AlarmName: 'sparse',
      StateValue: 'INSUFFICIENT_DATA',
      StateUpdatedTimestamp: new Date(NOW - 60_000),
    });

    const { signals } = await source().read(A);
    expect(env.fake.callsTo('monitoring', 'DescribeAlarms')).toHaveLength(3);
    expect(signals).toEqual([
      {
        source: 'cloudwatch',
        kind: 'alert',
        name: 'orders-RDS-CPU-high',
        status: 'firing',
        timestamp: new Date(NOW - 3 * 60 * 60_000).toISOString(),
        account: A,
        region: REGION,
        resource: `arn:aws:rds:${REGION}:${A}:db:orders`,
        labels: {
          alarmArn: `arn:aws:cloudwatch:${REGION}:${A}:alarm:orders-RDS-CPU-high`,
          DBInstanceIdentifier: 'orders',
          namespace: 'AWS/RDS',
          metric: 'CPUUtilization',
        },
        message: 'Threshold Crossed: 3 datapoints were greater than 90',
      },
      expect.objectContaining({
        name: 'shop-ALB-5XX',
        status: 'resolved',
        resource: `arn:aws:cloudwatch:${REGION}:${A}:alarm:shop-ALB-5XX`,
      }),
    ]);
  });

  it('fails the shard when the account denies DescribeAlarms', async () => {
    env.fake.deny(A, 'cloudwatch:DescribeAlarms');
    await expect(source().read(A)).rejects.toThrow(
      /^111111111111 eu-west-1: AccessDenied: .*cloudwatch:DescribeAlarms/,
    );
  });
});
