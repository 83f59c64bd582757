/**
 * The savings accuracy check through the AWS module: the synthetic fleet's
 * EC2, ECS, EBS, load balancer and RDS resources (with their ground truth)
 * are loaded into the AWS fake as inventory and CloudWatch series, and the
 * module's waste detectors read them back with the real SDK clients
 * (DescribeInstances, DescribeVolumes, ELBv2, ECS, RDS, GetMetricData) on
 * every account shard, as the scheduler runs them. Prints one JSON line:
 * precision and recall per kind, bursty instances flagged idle, agreement
 * with the detection functions run on the fleet directly, AWS calls and
 * seconds.
 *
 *   node --require @backstage/cli-node/config/nodeTransform.cjs bench/savings/aws.ts \
 *     [--seed 42] [--scale 1.3]
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { OpportunityKind } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  DEFAULT_SAVINGS_THRESHOLDS,
  PriceList,
  shippedRegionPrices,
  WasteFinding,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccounts } from '../../plugins/cloudops-backend-module-aws/src/accounts/AwsAccounts';
import { AwsClients } from '../../plugins/cloudops-backend-module-aws/src/clients/AwsClients';
import { FakeAws } from '../../plugins/cloudops-backend-module-aws/src/__testUtils__/fakeAws';
import { WASTE_DETECTORS } from '../../plugins/cloudops-backend-module-aws/src/options';
import { awsWasteDetectors } from '../../plugins/cloudops-backend-module-aws/src/waste/awsWasteDetectors';
import { scanFleet } from '../../plugins/cloudops-backend/src/savings/bench/scanFleet';
import {
  DEFAULT_FLEET_MIX,
  generateFleet,
  GroundTruth,
  SyntheticFleet,
} from '../../plugins/cloudops-backend/src/savings/bench/syntheticFleet';

const AWS_KINDS: OpportunityKind[] = [
  'ec2-idle',
  'ec2-rightsize',
  'ecs-rightsize',
  'ebs-orphan',
  'load-balancer-idle',
  'rds-idle',
];
const HOUR = 3_600_000;
const ROLE = 'cloudops-readonly';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Warnings and errors to stderr; the rest is noise here. */
const logger: LoggerService = {
  error: m => process.stderr.write(`error: ${m}\n`),
  warn: m => process.stderr.write(`warn: ${m}\n`),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

const seconds = (start: bigint) =>
  Number(process.hrtime.bigint() - start) / 1e9;

/** The fleet's AWS resources only, each group scaled. */
function awsFleet(seed: number, scale: number): SyntheticFleet {
  const scaled = <T extends Record<string, number>>(group: T): T =>
    Object.fromEntries(
      Object.entries(group).map(([k, v]) => [k, Math.round(v * scale)]),
    ) as T;
  const none = <T extends Record<string, number>>(group: T): T =>
    Object.fromEntries(Object.keys(group).map(k => [k, 0])) as T;
  const mix = DEFAULT_FLEET_MIX;
  return generateFleet(seed, {
    ec2: scaled(mix.ec2),
    ecs: scaled(mix.ecs),
    ebs: scaled(mix.ebs),
    loadBalancers: scaled(mix.loadBalancers),
    rds: scaled(mix.rds),
    containers: none(mix.containers),
    nodes: none(mix.nodes),
    scaling: none(mix.scaling),
    pools: none(mix.pools),
  });
}

/** Loads the fleet into the fake; returns the ground truth by the ARN the detectors report. */
function load(fake: FakeAws, fleet: SyntheticFleet): Map<string, GroundTruth> {
  const truths = new Map<string, GroundTruth>();
  const put = (
    account: string,
    namespace: string,
    metricName: string,
    dimensions: Record<string, string>,
    points: ReadonlyArray<{ timestamp: number; value: number }>,
    scale = 1,
  ) => {
    const key = {
      account,
      region: 'us-east-1',
      namespace,
      metricName,
      dimensions: Object.entries(dimensions).map(([Name, Value]) => ({
        Name,
        Value,
      })),
    };
    for (const p of points) {
      fake.cloudwatch.metrics.put(key, p.timestamp, p.value * scale);
    }
  };
  const region = 'us-east-1';
  for (const i of fleet.ec2) {
    fake.ec2.addInstance(i.account!, region, {
      instanceId: i.instanceId,
      instanceType: i.instanceType,
      instanceState: { code: 16, name: 'running' },
      launchTime: new Date(fleet.now.getTime() - 30 * 24 * HOUR),
      tagSet: Object.entries(i.tags ?? {}).map(([key, value]) => ({
        key,
        value,
      })),
    });
    const dims = { InstanceId: i.instanceId };
    put(i.account!, 'AWS/EC2', 'CPUUtilization', dims, i.cpu);
    put(i.account!, 'AWS/EC2', 'NetworkIn', dims, i.network, 0.5);
    put(i.account!, 'AWS/EC2', 'NetworkOut', dims, i.network, 0.5);
    if (i.memory) {
      put(i.account!, 'CWAgent', 'mem_used_percent', dims, i.memory);
    }
    truths.set(i.arn, i.truth);
  }
  for (const s of fleet.ecs) {
    fake.ecs.addService(s.account!, region, {
      cluster: s.cluster,
      name: s.serviceName,
      desiredCount: s.desiredCount,
      taskCpu: s.taskCpuUnits,
      taskMemory: s.taskMemoryMiB,
    });
    const dims = { ClusterName: s.cluster, ServiceName: s.serviceName };
    put(s.account!, 'AWS/ECS', 'CPUUtilization', dims, s.cpu);
    put(s.account!, 'AWS/ECS', 'MemoryUtilization', dims, s.memory);
    truths.set(s.arn, s.truth);
  }
  for (const v of fleet.ebs) {
    fake.ec2.addVolume(v.account!, region, {
      volumeId: v.volumeId,
      size: v.sizeGiB,
      volumeType: v.volumeType,
      iops: v.iops,
      status: v.state as 'available' | 'in-use',
      availabilityZone: `${region}a`,
      createTime: v.createTime,
    });
    // EBS reports metrics while a volume is attached: until it was
    // detached, or until now for one in use; never for one never attached.
    const until = v.state === 'in-use' ? fleet.now : v.lastDetachedAt;
    if (until) {
      const from = Math.max(
        v.createTime.getTime(),
        fleet.now.getTime() - 15 * 24 * HOUR,
      );
      const hours: Array<{ timestamp: number; value: number }> = [];
      for (
        let t = Math.ceil(from / HOUR) * HOUR;
        t + HOUR <= until.getTime();
        t += HOUR
      ) {
        hours.push({ timestamp: t, value: 3000 });
      }
      put(
        v.account!,
        'AWS/EBS',
        'VolumeIdleTime',
        { VolumeId: v.volumeId },
        hours,
      );
    }
    truths.set(v.arn, v.truth);
  }
  for (const lb of fleet.loadBalancers) {
    const type = lb.kind === 'network' ? 'network' : 'application';
    const healthyNow =
      (lb.healthyTargets?.[lb.healthyTargets.length - 1]?.value ?? 0) > 0;
    const arn = fake.elbv2.addLoadBalancer(lb.account!, region, {
      name: lb.name,
      type,
      createdTime: lb.createdAt,
      targetGroups: [
        {
          name: `${lb.name}-tg`,
          targets: [{ id: 'i-1', state: healthyNow ? 'healthy' : 'unhealthy' }],
        },
      ],
    });
    const namespace =
      type === 'application' ? 'AWS/ApplicationELB' : 'AWS/NetworkELB';
    const dimension = arn.split(':loadbalancer/')[1];
    put(
      lb.account!,
      namespace,
      type === 'application' ? 'RequestCount' : 'NewFlowCount',
      { LoadBalancer: dimension },
      lb.requests,
    );
    const tg = `targetgroup/${lb.name}-tg/${Buffer.from(
      `${lb.name}/${lb.name}-tg`,
    )
      .toString('hex')
      .padEnd(16, '0')
      .slice(0, 16)}`;
    put(
      lb.account!,
      namespace,
      'HealthyHostCount',
      { LoadBalancer: dimension, TargetGroup: tg },
      lb.healthyTargets ?? [],
    );
    truths.set(arn, lb.truth);
  }
  for (const db of fleet.rds) {
    fake.rds.addDbInstance(db.account!, region, {
      identifier: db.dbInstanceIdentifier,
      instanceClass: db.instanceClass,
      engine: db.engine,
      multiAz: db.multiAz,
      allocatedStorage: db.storageGiB,
      createTime: new Date(fleet.now.getTime() - 90 * 24 * HOUR),
    });
    put(
      db.account!,
      'AWS/RDS',
      'DatabaseConnections',
      { DBInstanceIdentifier: db.dbInstanceIdentifier },
      db.connections,
    );
    truths.set(db.arn, db.truth);
  }
  return truths;
}

async function main() {
  const seed = arg('seed', 42);
  const fleet = awsFleet(seed, arg('scale', 1.3));
  const fake = await FakeAws.start();
  const main = fake.identities.addUser('999999999999');
  const accounts = [
    ...new Set(
      [
        ...fleet.ec2,
        ...fleet.ecs,
        ...fleet.ebs,
        ...fleet.loadBalancers,
        ...fleet.rds,
      ].map(r => r.account!),
    ),
  ].sort();
  for (const account of accounts) fake.addAccount(account, { name: ROLE });
  process.env.AWS_ENDPOINT_URL = fake.endpoint;
  let start = process.hrtime.bigint();
  const truths = load(fake, fleet);
  const loadSeconds = seconds(start);

  const clients = new AwsClients({
    credentialsManager: DefaultAwsCredentialsManager.fromConfig(
      new ConfigReader({
        aws: {
          mainAccount: {
            accessKeyId: main.accessKeyId,
            secretAccessKey: main.secretAccessKey,
          },
          accountDefaults: { roleName: ROLE },
        },
      }),
    ),
    maxConcurrentCalls: 16,
    maxAttempts: 4,
    logger,
  });
  const awsAccounts = new AwsAccounts({
    accounts: accounts.map(accountId => ({ accountId })),
    regions: ['us-east-1'],
    accountsPerShard: 1,
  });
  const detectors = awsWasteDetectors({
    accounts: awsAccounts,
    clients,
    detectors: WASTE_DETECTORS,
  });
  const prices = new PriceList(shippedRegionPrices('us-east-1')!);
  const findings: WasteFinding[] = [];
  const detectorSeconds: Record<string, number> = {};
  start = process.hrtime.bigint();
  for (const detector of detectors) {
    const started = process.hrtime.bigint();
    const shards = await detector.shards!({
      signal: new AbortController().signal,
    });
    const perShard = await Promise.all(
      shards.map(shard =>
        detector.detect({
          shard,
          signal: new AbortController().signal,
          now: fleet.now,
          thresholds: DEFAULT_SAVINGS_THRESHOLDS,
          prices: async () => prices,
        }),
      ),
    );
    findings.push(...perShard.flat());
    detectorSeconds[detector.id] = seconds(started);
  }
  const scanSeconds = seconds(start);

  const flagged = new Map(findings.map(f => [f.resource.id, f.kind]));
  const direct = new Map(
    [...scanFleet(fleet).values()].flat().map(f => [f.resource.id, f.kind]),
  );
  const report: Record<string, number> = {
    resources: truths.size,
    opportunities: findings.length,
    accounts: accounts.length,
  };
  for (const kind of AWS_KINDS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [id, truth] of truths) {
      const got = flagged.get(id) === kind;
      const want = truth.expected === kind;
      if (got && want) tp++;
      else if (got) fp++;
      else if (want) fn++;
    }
    const key = kind.replace(/-/g, '_');
    report[`${key}_tp`] = tp;
    report[`${key}_fp`] = fp;
    report[`${key}_fn`] = fn;
    report[`${key}_precision`] = tp + fp === 0 ? 1 : tp / (tp + fp);
    report[`${key}_recall`] = tp + fn === 0 ? 1 : tp / (tp + fn);
  }
  report.bursty_flagged_idle = fleet.ec2.filter(
    i => i.truth.label === 'bursty' && flagged.get(i.arn) === 'ec2-idle',
  ).length;
  // Same verdict as the detection functions on the fleet's own series
  // (the fleet's load balancer ARNs differ from the fake's: compared by name).
  const lbName = (id: string) => id.split('/')[2];
  const verdict = (map: Map<string, string>, id: string, lb: boolean) =>
    lb
      ? [...map].find(
          ([k]) => k.includes(':loadbalancer/') && lbName(k) === lbName(id),
        )?.[1]
      : map.get(id);
  let disagreements = 0;
  for (const id of truths.keys()) {
    const lb = id.includes(':loadbalancer/');
    if (verdict(flagged, id, lb) !== verdict(direct, id, lb)) disagreements++;
  }
  report.disagreements_with_direct = disagreements;
  const calls = fake.calls.filter(c => c.service !== 'sts');
  report.aws_calls = calls.length;
  report.get_metric_data_calls = fake.callsTo(
    'monitoring',
    'GetMetricData',
  ).length;
  report.metrics_requested = fake.cloudwatch.metricsRequested;
  report.failed_calls = calls.filter(c => c.status >= 400).length;
  report.load_seconds = loadSeconds;
  report.scan_seconds = scanSeconds;
  for (const [id, s] of Object.entries(detectorSeconds)) {
    report[`${id.replace(/-/g, '_')}_seconds`] = s;
  }
  report.peak_rss_mib = process.resourceUsage().maxRSS / 1024;
  clients.destroy();
  await fake.stop();
  console.log(JSON.stringify(report));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
