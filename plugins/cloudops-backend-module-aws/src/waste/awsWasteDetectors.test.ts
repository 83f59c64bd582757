import {
  DEFAULT_SAVINGS_THRESHOLDS,
  PriceList,
  shippedRegionPrices,
  WasteDetector,
  WasteDetectorContext,
  WasteFinding,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccounts } from '../accounts/AwsAccounts';
import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { WASTE_DETECTORS } from '../options';
import { awsWasteDetectors } from './awsWasteDetectors';
import {
  DAY_MS,
  noise,
  seedWasteShapes,
  WasteFleet,
} from './__testUtils__/wasteFleet';

jest.setTimeout(60_000);

const A = '111111111111';
const B = '222222222222';
const REGION = 'eu-west-1';
const NOW = new Date('2026-11-22T00:20:00Z');

function context(now = NOW, shard = A): WasteDetectorContext {
  return {
    shard,
    signal: new AbortController().signal,
    now,
    thresholds: DEFAULT_SAVINGS_THRESHOLDS,
    prices: async region => new PriceList(shippedRegionPrices(region)!),
  };
}

describe('AWS waste detectors against the fake AWS', () => {
  let env: AwsTestEnvironment;
  let detectors: Map<string, WasteDetector>;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([A, B]);
    const accounts = new AwsAccounts({
      accounts: [{ accountId: A }, { accountId: B }],
      regions: [REGION],
      accountsPerShard: 1,
    });
    detectors = new Map(
      awsWasteDetectors({
        accounts,
        clients: env.clients(),
        detectors: WASTE_DETECTORS,
      }).map(d => [d.id, d]),
    );
  });
  afterEach(() => env.stop());

  async function detectAll(now = NOW): Promise<WasteFinding[]> {
    const found: WasteFinding[] = [];
    for (const detector of detectors.values()) {
      found.push(...(await detector.detect(context(now))));
    }
    return found;
  }

  it('fails the scan of a shard with no accounts, instead of finding nothing', async () => {
    for (const detector of detectors.values()) {
      await expect(
        detector.detect(context(NOW, '333333333333')),
      ).rejects.toThrow(
        'Shard 333333333333 has no accounts in the current listing',
      );
    }
  });

  it('tells idle, bursty, oversized, right-sized and orphaned resources apart', async () => {
    const fleet = new WasteFleet(env.fake, A, REGION, NOW);
    seedWasteShapes(fleet);
    const findings = await detectAll();

    const got = Object.fromEntries(
      fleet.expected.map(e => [
        e.id,
        findings.find(f => f.resource.id === e.id)?.kind ?? 'none',
      ]),
    );
    expect(got).toEqual(fleet.expectedKinds());
    expect(findings).toHaveLength(fleet.expected.filter(e => e.kind).length);

    const byId = (suffix: string) =>
      findings.find(f => f.resource.id.endsWith(suffix))!;
    // The agent's memory (under its extra dimensions) sized the instance.
    const oversized = byId('instance/i-0oversized');
    expect(oversized.recommended.spec.instanceType).toMatch(/\.large$/);
    expect(oversized.confidence).toBeGreaterThan(0.95);
    expect(oversized.evidence.charts.map(c => c.title)).toContain(
      'Memory used',
    );
    // Detached ten days ago, as its last EBS metrics say; the one never
    // attached counts from its creation, with less confidence.
    const orphan = byId('volume/vol-0orphan');
    expect(orphan.evidence.metrics.unattachedDays).toBeCloseTo(10, 0);
    expect(orphan.confidence).toBe(0.95);
    expect(byId('volume/vol-0never').confidence).toBe(0.75);
    // 100 GiB gp3 in eu-west-1.
    expect(orphan.monthlySavings).toBeCloseTo(
      new PriceList(shippedRegionPrices(REGION)!).ebsVolumeMonthly({
        volumeType: 'gp3',
        sizeGiB: 100,
        iops: 3000,
        throughputMiBps: 125,
      })!,
      6,
    );
    const deadNlb = findings.find(f => f.resource.name === 'dead-nlb')!;
    expect(deadNlb.evidence.summary.join(' ')).toContain(
      'No healthy target over the last 7 days',
    );
    expect(deadNlb.resource.labels).toEqual({ 'tag:service': 'dead-nlb' });
    const ecs = byId('service/shop/oversized-api');
    expect(ecs.current.spec).toMatchObject({ cpu: 2048, memory: 8192 });
    expect(ecs.resource.account).toBe(A);
    expect(byId('db:idle-db').resource.labels).toEqual({
      'tag:service': 'idle-db',
    });
  });

  it('measures changed opportunities after their change, for validation', async () => {
    const fleet = new WasteFleet(env.fake, A, REGION, NOW);
    seedWasteShapes(fleet);
    const findings = await detectAll();
    const merged = new Date(NOW.getTime() - 2 * DAY_MS);
    const changed = (kind: string) =>
      findings
        .filter(f => f.kind === kind)
        .map(f => ({ ...f, id: f.resource.id, observeFrom: merged } as any));
    // What the remediations did: the idle instance stopped, the oversized
    // one resized, the orphan volume deleted, the idle database stopped,
    // the ECS tasks resized; the idle load balancers are still there.
    fleet.instances.get('i-0idle')!.instanceState = {
      code: 80,
      name: 'stopped',
    };
    const resize = findings.find(f => f.kind === 'ec2-rightsize')!;
    fleet.instances.get('i-0oversized')!.instanceType = resize.recommended.spec
      .instanceType as string;
    fleet.volumes.get('vol-0orphan')!.status = 'deleted';
    fleet.databases.get('idle-db')!.status = 'stopped';
    const ecsResize = findings.find(f => f.kind === 'ecs-rightsize')!;
    Object.assign(fleet.services.get('oversized-api')!, {
      taskCpu: ecsResize.recommended.spec.cpu,
      taskMemory: ecsResize.recommended.spec.memory,
    });

    const observe = async (detector: string, kinds: string[]) => {
      const opportunities = kinds.flatMap(changed);
      const observations = await detectors.get(detector)!.observe!({
        ...context(),
        opportunities,
      });
      return Object.fromEntries(
        observations.map(o => [
          o.opportunityId.split(':').pop(),
          {
            applied: o.applied,
            cost: Math.round(o.actualCost * 100) / 100,
            peak: o.peakUtilization && Math.round(o.peakUtilization * 100),
          },
        ]),
      );
    };
    const prices = new PriceList(shippedRegionPrices(REGION)!);
    const hours = 48;
    expect(await observe('aws-ec2', ['ec2-idle', 'ec2-rightsize'])).toEqual({
      // Ran (CPU datapoints) the 48 hours before it was stopped.
      'instance/i-0idle': {
        applied: true,
        cost:
          Math.round(hours * prices.instance('m5.xlarge')!.hourly * 100) / 100,
        peak: undefined,
      },
      'instance/i-0oversized': {
        applied: true,
        cost:
          Math.round(
            hours *
              prices.instance(resize.recommended.spec.instanceType as string)!
                .hourly *
              100,
          ) / 100,
        peak: expect.any(Number),
      },
    });
    expect(await observe('aws-ebs', ['ebs-orphan'])).toMatchObject({
      'volume/vol-0orphan': { applied: true, cost: 0 },
      'volume/vol-0never': { applied: false, cost: expect.any(Number) },
    });
    const lbs = await observe('aws-elb', ['load-balancer-idle']);
    expect(Object.values(lbs)).toEqual([
      {
        applied: false,
        cost:
          Math.round(
            ((hours * prices.loadBalancerMonthly('application')!) / 730) * 100,
          ) / 100,
        peak: undefined,
      },
      expect.objectContaining({ applied: false }),
    ]);
    expect(await observe('aws-rds', ['rds-idle'])).toEqual({
      'idle-db': {
        applied: true,
        cost:
          Math.round(
            ((hours *
              prices.rdsMonthly({ instanceClass: 'db.m5.large' })!.instance) /
              730) *
              100,
          ) / 100,
        peak: undefined,
      },
    });
    const ecs = await observe('aws-ecs', ['ecs-rightsize']);
    expect(ecs['service/shop/oversized-api']).toMatchObject({
      applied: true,
      peak: expect.any(Number),
    });
    expect(ecs['service/shop/oversized-api'].peak).toBeLessThan(95);
  });

  it('reads usage with GetMetricData in calls of at most 500 queries', async () => {
    const fleet = new WasteFleet(env.fake, A, REGION, NOW);
    // 251 instances × 4 series (no agent memory) = 1,004 queries: 3
    // calls. A day of data each, so that no call needs a second page.
    const lastDay = (value: number) => (_i: number, _h: number, ago: number) =>
      ago <= 24 ? value : undefined;
    for (let n = 0; n < 251; n++) {
      fleet.instance({
        id: `i-${String(n).padStart(8, '0')}`,
        type: 'm5.large',
        label: 'new',
        cpu: lastDay(50 + 10 * noise(n)),
        networkBytes: lastDay(100_000_000),
      });
    }
    const findings = await detectors.get('aws-ec2')!.detect(context());
    expect(findings).toEqual([]);
    expect(env.fake.callsTo('monitoring', 'GetMetricData', A)).toHaveLength(3);
    expect(env.fake.cloudwatch.metricsRequested).toBe(1004);
    expect(env.fake.callsTo('ec2', 'DescribeInstances', A)).toHaveLength(1);
  });

  it('follows GetMetricData pages when a call returns more datapoints than a page holds', async () => {
    const fleet = new WasteFleet(env.fake, A, REGION, NOW);
    fleet.instance({
      id: 'i-0idle',
      type: 'm5.xlarge',
      label: 'idle',
      kind: 'ec2-idle',
      cpu: () => 1,
      networkBytes: () => 100_000,
    });
    env.fake.cloudwatch.maxDatapointsPerPage = 100;
    const findings = await detectors.get('aws-ec2')!.detect(context());
    expect(findings.map(f => f.kind)).toEqual(['ec2-idle']);
    // 4 series × 14 days of hours (and today's) in pages of 100.
    expect(
      env.fake.callsTo('monitoring', 'GetMetricData', A).length,
    ).toBeGreaterThan(10);
  });

  it('fails the run of a shard when one of its account-regions fails, naming it', async () => {
    const accounts = new AwsAccounts({
      accounts: [{ accountId: A, regions: [REGION, 'us-east-1'] }],
      regions: [REGION],
      accountsPerShard: 1,
    });
    const [ebs] = awsWasteDetectors({
      accounts,
      clients: env.clients(),
      detectors: ['ebs'],
    });
    new WasteFleet(env.fake, A, REGION, NOW).volume({
      id: 'vol-0orphan',
      label: 'orphaned',
      status: 'available',
      createdDaysAgo: 30,
    });
    env.fake.deny(A, 'cloudwatch:GetMetricData');
    await expect(ebs.detect(context())).rejects.toThrow(
      /^111111111111 eu-west-1: AccessDenied: .*cloudwatch:GetMetricData/,
    );
    expect(await ebs.shards!({ signal: new AbortController().signal })).toEqual(
      [A],
    );
  });

  it('judges a volume detached within the threshold again once the threshold has passed', async () => {
    const fleet = new WasteFleet(env.fake, A, REGION, NOW);
    fleet.volume({
      id: 'vol-0recent',
      label: 'recently detached',
      status: 'available',
      createdDaysAgo: 90,
      attachedUntilHoursAgo: 3 * 24,
    });
    const ebs = detectors.get('aws-ebs')!;
    expect(await ebs.detect(context())).toEqual([]);
    const later = await ebs.detect(
      context(new Date(NOW.getTime() + 5 * DAY_MS)),
    );
    expect(later.map(f => f.kind)).toEqual(['ebs-orphan']);
  });
});
