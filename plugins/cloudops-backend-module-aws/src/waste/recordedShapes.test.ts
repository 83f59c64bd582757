import {
  DEFAULT_SAVINGS_THRESHOLDS,
  PriceList,
  shippedRegionPrices,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AwsAccounts } from '../accounts/AwsAccounts';
import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { awsWasteDetectors } from './awsWasteDetectors';
import { HOUR_MS } from './__testUtils__/wasteFleet';

// Real CloudWatch series from the Numenta Anomaly Benchmark's
// realAWSCloudwatch corpus (5-minute points over about 14 days), stored in
// the fake as they were recorded and read back by the detectors through
// GetMetricData.
const awsDir = join(
  process.env.CLOUDOPS_SHARED_DIR ??
    resolve(__dirname, '../../../../../shared'),
  'datasets/nab/data/realAWSCloudwatch',
);
const hasData = existsSync(join(awsDir, 'ec2_cpu_utilization_24ae8d.csv'));
if (!hasData) {
  // eslint-disable-next-line no-console
  console.warn(
    `AWS waste detectors on recorded shapes skipped: no NAB realAWSCloudwatch data at ${awsDir}`,
  );
}

const A = '111111111111';
const REGION = 'us-east-1';
const NOW = new Date('2026-11-22T00:20:00Z');

function readTrace(name: string): Array<[number, number]> {
  return readFileSync(join(awsDir, `${name}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map(line => {
      const [time, value] = line.split(',');
      return [Date.parse(`${time}Z`), Number(value)];
    });
}

/** The trace moved so that it ends in the hour before NOW. */
function shifted(trace: Array<[number, number]>): Array<[number, number]> {
  const last = trace[trace.length - 1][0];
  const lastHour = Math.floor(NOW.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS;
  const shift = lastHour - Math.floor(last / HOUR_MS) * HOUR_MS;
  return trace.map(([t, v]) => [t + shift, v]);
}

(hasData ? describe : describe.skip)(
  'AWS waste detectors on recorded CloudWatch shapes',
  () => {
    let env: AwsTestEnvironment;
    beforeEach(async () => {
      env = await startAwsTestEnvironment([A]);
    });
    afterEach(() => env.stop());

    function detectors() {
      return new Map(
        awsWasteDetectors({
          accounts: new AwsAccounts({
            accounts: [{ accountId: A }],
            regions: [REGION],
            accountsPerShard: 1,
          }),
          clients: env.clients(),
          detectors: ['ec2', 'elb'],
        }).map(d => [d.id, d]),
      );
    }

    const context = {
      shard: A,
      signal: new AbortController().signal,
      now: NOW,
      thresholds: DEFAULT_SAVINGS_THRESHOLDS,
      prices: async (region: string) =>
        new PriceList(shippedRegionPrices(region)!),
    };

    function put(
      namespace: string,
      metricName: string,
      dimensions: Record<string, string>,
      points: Array<[number, number]>,
    ) {
      const key = {
        account: A,
        region: REGION,
        namespace,
        metricName,
        dimensions: Object.entries(dimensions).map(([Name, Value]) => ({
          Name,
          Value,
        })),
      };
      for (const [t, v] of points) env.fake.cloudwatch.metrics.put(key, t, v);
    }

    /** An m5.large running the recorded CPU trace, with a quiet network (1 MB a day). */
    function instance(trace: string) {
      const cpu = shifted(readTrace(trace));
      env.fake.ec2.addInstance(A, REGION, {
        instanceId: `i-${trace.slice(-6)}`,
        instanceType: 'm5.large',
        instanceState: { code: 16, name: 'running' },
        launchTime: new Date(cpu[0][0] - 86_400_000),
      });
      const dims = { InstanceId: `i-${trace.slice(-6)}` };
      put('AWS/EC2', 'CPUUtilization', dims, cpu);
      const hours = [...new Set(cpu.map(([t]) => Math.floor(t / HOUR_MS)))];
      const quiet = hours.map(h => [h * HOUR_MS, 1_000_000 / 48]) as Array<
        [number, number]
      >;
      put('AWS/EC2', 'NetworkIn', dims, quiet);
      put('AWS/EC2', 'NetworkOut', dims, quiet);
      return `arn:aws:ec2:${REGION}:${A}:instance/i-${trace.slice(-6)}`;
    }

    it('flags the idle instances and neither the bursty nor the busy ones', async () => {
      const idle = [
        'ec2_cpu_utilization_24ae8d',
        'ec2_cpu_utilization_c6585a',
        'ec2_cpu_utilization_53ea38',
      ].map(instance);
      const bursty = [
        'ec2_cpu_utilization_77c1ca',
        'ec2_cpu_utilization_fe7f93',
      ].map(instance);
      const busy = [
        'ec2_cpu_utilization_825cc2',
        'ec2_cpu_utilization_ac20cd',
        'ec2_cpu_utilization_5f5533',
      ].map(instance);
      const findings = await detectors().get('aws-ec2')!.detect(context);
      const kinds = new Map(findings.map(f => [f.resource.id, f.kind]));
      for (const id of idle)
        expect([id, kinds.get(id)]).toEqual([id, 'ec2-idle']);
      for (const id of [...bursty, ...busy]) {
        expect([id, kinds.get(id)]).not.toEqual([id, 'ec2-idle']);
      }
    });

    it('does not flag a load balancer with the recorded request counts as idle', async () => {
      const arn = env.fake.elbv2.addLoadBalancer(A, REGION, {
        name: 'recorded',
        type: 'application',
        createdTime: new Date(NOW.getTime() - 60 * 86_400_000),
        targetGroups: [
          { name: 'web', targets: [{ id: 'i-1', state: 'healthy' }] },
        ],
      });
      put(
        'AWS/ApplicationELB',
        'RequestCount',
        { LoadBalancer: arn.split(':loadbalancer/')[1] },
        shifted(readTrace('elb_request_count_8c0756')),
      );
      const quietArn = env.fake.elbv2.addLoadBalancer(A, REGION, {
        name: 'quiet',
        type: 'application',
        createdTime: new Date(NOW.getTime() - 60 * 86_400_000),
      });
      // The same shape at a thousandth of the traffic: idle.
      put(
        'AWS/ApplicationELB',
        'RequestCount',
        { LoadBalancer: quietArn.split(':loadbalancer/')[1] },
        shifted(readTrace('elb_request_count_8c0756')).map(([t, v]) => [
          t,
          v / 1000,
        ]),
      );
      const findings = await detectors().get('aws-elb')!.detect(context);
      expect(findings.map(f => f.resource.id)).toEqual([quietArn]);
    });
  },
);
