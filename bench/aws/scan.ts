/**
 * One scan of the CloudWatch metrics source over every account, as the
 * scheduler runs it (every account shard at once, the module's own bound on
 * calls in flight), against the AWS fake in its own process (fakeServer.ts).
 * Prints one JSON line: wall time, API calls, peak memory, datapoints, and
 * what CloudWatch would bill.
 *
 *   node --require @backstage/cli-node/config/nodeTransform.cjs bench/aws/scan.ts \
 *     [--accounts 200] [--metrics 1000] [--latency-ms 100] [--throttle 0.3] [--concurrency 16]
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { AwsAccounts } from '../../plugins/cloudops-backend-module-aws/src/accounts/AwsAccounts';
import { AwsClients } from '../../plugins/cloudops-backend-module-aws/src/clients/AwsClients';
import { parseResourceArn } from '../../plugins/cloudops-backend-module-aws/src/cloudwatch/arnDimensions';
import { CloudWatchMetricsSource } from '../../plugins/cloudops-backend-module-aws/src/cloudwatch/CloudWatchMetricsSource';
import { ResourceCatalog } from '../../plugins/cloudops-backend-module-aws/src/cloudwatch/ResourceCatalog';

/** Warnings and errors to stderr; the rest is noise here. */
const logger: LoggerService = {
  error: m => process.stderr.write(`error: ${m}\n`),
  warn: m => process.stderr.write(`warn: ${m}\n`),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

/** GetMetricData list price: $0.01 per 1,000 metrics requested. */
const USD_PER_METRIC = 0.01 / 1000;
const EC2_METRICS = [
  'CPUUtilization',
  'NetworkIn',
  'NetworkOut',
  'NetworkPacketsIn',
  'NetworkPacketsOut',
  'DiskReadOps',
  'DiskWriteOps',
  'DiskReadBytes',
  'DiskWriteBytes',
  'StatusCheckFailed',
];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function startFake(args: string[]) {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      `${__dirname}/fakeServer.ts`,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line: string = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', code => reject(new Error(`the fake exited (${code})`)));
  });
  return { child, ...JSON.parse(line) };
}

async function main() {
  const accounts = arg('accounts', 200);
  const metricsPerAccount = arg('metrics', 1000);
  const concurrency = arg('concurrency', 16);
  const fake = await startFake([
    '--accounts',
    String(accounts),
    '--latency-ms',
    String(arg('latency-ms', 100)),
    '--throttle',
    String(arg('throttle', 0)),
    '--seed',
    String(arg('seed', 1)),
  ]);
  process.env.AWS_ENDPOINT_URL = fake.endpoint;
  try {
    const ids = Array.from({ length: accounts }, (_, i) =>
      String(100000000000 + i),
    );
    const instances = metricsPerAccount / EC2_METRICS.length;
    const entities = ids.map(account => ({
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `fleet-${account}` },
      },
      ref: `component:default/fleet-${account}`,
      resources: Array.from(
        { length: instances },
        (_, n) =>
          parseResourceArn(
            `arn:aws:ec2:us-east-1:${account}:instance/i-${n
              .toString(16)
              .padStart(8, '0')}`,
          )!,
      ),
    }));
    const rules: Rule[] = EC2_METRICS.map(metric => ({
      id: `ec2-${metric.toLowerCase()}`,
      match: { kind: 'metric', source: 'cloudwatch', name: metric },
      query: {
        cloudwatch: {
          namespace: 'AWS/EC2',
          metric,
          stat: 'Average',
          period: '1m',
        },
      },
      condition: { type: 'threshold', op: '>', value: 1e9 },
      severity: 'warning',
    }));
    const clients = new AwsClients({
      credentialsManager: DefaultAwsCredentialsManager.fromConfig(
        new ConfigReader({
          aws: {
            mainAccount: {
              accessKeyId: fake.accessKeyId,
              secretAccessKey: fake.secretAccessKey,
            },
            accountDefaults: {
              roleName: 'cloudops-readonly',
              externalId: 'bench',
            },
          },
        }),
      ),
      maxConcurrentCalls: concurrency,
      maxAttempts: 4,
      logger,
    });
    const awsAccounts = new AwsAccounts({
      accounts: ids.map(accountId => ({ accountId })),
      regions: ['us-east-1'],
      accountsPerShard: 1,
    });
    const source = new CloudWatchMetricsSource({
      accounts: awsAccounts,
      clients,
      catalog: { entities: async () => entities } as unknown as ResourceCatalog,
      logger,
      schedule: { frequency: { minutes: 1 }, timeout: { minutes: 5 } },
      lookbackPeriods: 3,
    });

    let peakRss = 0;
    let peakHeap = 0;
    const sample = () => {
      const { rss, heapUsed } = process.memoryUsage();
      peakRss = Math.max(peakRss, rss);
      peakHeap = Math.max(peakHeap, heapUsed);
    };
    const sampler = setInterval(sample, 25);
    const started = Date.now();
    const shards = await awsAccounts.shards();
    let datapoints = 0;
    let incomplete = 0;
    const failures: string[] = [];
    // Every shard at once, as the scheduler fires them; each shard's signals
    // are handed over (counted) and dropped, as ingestion does.
    await Promise.all(
      shards.map(async shard => {
        try {
          const signals = await source.read(shard, rules);
          datapoints += signals.length;
          const series = new Set(signals.map(s => s.resource + s.name));
          if (series.size !== metricsPerAccount) incomplete += 1;
        } catch (error) {
          failures.push(`${shard}: ${(error as Error).message}`);
        }
      }),
    );
    const wallMs = Date.now() - started;
    clearInterval(sampler);
    sample();
    clients.destroy();
    const stats = await (await fetch(`${fake.admin}/stats`)).json();
    process.stdout.write(
      `${JSON.stringify({
        accounts,
        metricsPerAccount,
        throttle: arg('throttle', 0),
        concurrency,
        wallSeconds: wallMs / 1000,
        apiCalls: stats.calls,
        throttledCalls: stats.throttled,
        assumeRole: stats.assumeRole,
        getMetricData: stats.getMetricData,
        getMetricDataPerAccountRegionPeriod: stats.getMetricDataPerAccount,
        expectedPerAccountRegionPeriod: Math.ceil(metricsPerAccount / 500),
        metricsRequested: stats.metricsRequested,
        costPerScanUsd: Number(
          (stats.metricsRequested * USD_PER_METRIC).toFixed(4),
        ),
        datapoints,
        accountsIncomplete: incomplete,
        failures: failures.slice(0, 3),
        peakRssMiB: Math.round(peakRss / 2 ** 20),
        peakHeapMiB: Math.round(peakHeap / 2 ** 20),
      })}\n`,
    );
    if (failures.length > 0 || incomplete > 0) process.exitCode = 1;
  } finally {
    fake.child.kill();
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
