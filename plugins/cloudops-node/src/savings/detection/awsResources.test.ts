import { PriceList } from '../prices/PriceList';
import { shippedRegionPrices } from '../prices/onDemandPriceTable';
import { DAY, hourly, NOW } from '../__testUtils__/shapes';
import { detectEbsOrphan, EbsVolume } from './ebsOrphan';
import { detectIdleLoadBalancer, LoadBalancerUsage } from './loadBalancerIdle';
import { detectIdleRds, RdsInstanceUsage } from './rdsIdle';

const prices = new PriceList(shippedRegionPrices('eu-west-1')!);
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

describe('detectEbsOrphan', () => {
  const volume = (overrides: Partial<EbsVolume>): EbsVolume => ({
    arn: 'arn:aws:ec2:eu-west-1:1:volume/vol-1',
    volumeId: 'vol-1',
    region: 'eu-west-1',
    volumeType: 'gp3',
    sizeGiB: 500,
    iops: 6000,
    throughputMiBps: 125,
    state: 'available',
    createTime: daysAgo(90),
    lastDetachedAt: daysAgo(8),
    ...overrides,
  });

  it('flags a volume unattached for 7 days or more, with size and IOPS priced', () => {
    const finding = detectEbsOrphan(volume({}), prices, NOW)!;
    // 500 GB × 0.088 + 3000 extra IOPS × 0.0055.
    expect(finding.monthlySavings).toBeCloseTo(500 * 0.088 + 3000 * 0.0055, 6);
    expect(finding).toMatchObject({
      kind: 'ebs-orphan',
      confidence: 0.95,
      recommended: { action: 'delete' },
    });
  });

  it('waits 7 days after the detach, and never flags an attached volume', () => {
    expect(
      detectEbsOrphan(volume({ lastDetachedAt: daysAgo(6.9) }), prices, NOW),
    ).toBeUndefined();
    expect(
      detectEbsOrphan(volume({ state: 'in-use' }), prices, NOW),
    ).toBeUndefined();
  });

  it('falls back to the creation time, less sure', () => {
    const finding = detectEbsOrphan(
      volume({ lastDetachedAt: undefined, createTime: daysAgo(30) }),
      prices,
      NOW,
    )!;
    expect(finding.confidence).toBe(0.75);
    expect(
      detectEbsOrphan(
        volume({ lastDetachedAt: undefined, createTime: daysAgo(2) }),
        prices,
        NOW,
      ),
    ).toBeUndefined();
  });
});

describe('detectIdleLoadBalancer', () => {
  const lb = (overrides: Partial<LoadBalancerUsage>): LoadBalancerUsage => ({
    arn: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/old/1',
    name: 'old',
    kind: 'application',
    region: 'eu-west-1',
    createdAt: daysAgo(60),
    requests: hourly(7, h => (h === 3 ? 40 : 1)),
    ...overrides,
  });

  it('flags fewer than 100 requests on every one of the last 7 days', () => {
    const finding = detectIdleLoadBalancer(lb({}), prices, NOW)!;
    expect(finding.monthlySavings).toBeCloseTo(0.0252 * 730, 6);
    expect(finding.evidence.metrics.busiestDayRequests).toBe(63);
  });

  it('counts days without data points as zero requests, but judges no young load balancer', () => {
    expect(
      detectIdleLoadBalancer(lb({ requests: [] }), prices, NOW),
    ).toBeDefined();
    expect(
      detectIdleLoadBalancer(
        lb({ requests: [], createdAt: daysAgo(3) }),
        prices,
        NOW,
      ),
    ).toBeUndefined();
  });

  it('does not flag one busy day, nor steady traffic', () => {
    const oneBusyDay = hourly(7, (_h, day) => (day === 5 ? 10 : 1));
    expect(
      detectIdleLoadBalancer(lb({ requests: oneBusyDay }), prices, NOW),
    ).toBeUndefined();
  });

  it('flags a load balancer with no healthy target all week, whatever its traffic', () => {
    const finding = detectIdleLoadBalancer(
      lb({
        requests: hourly(7, () => 500),
        healthyTargets: hourly(7, () => 0),
      }),
      prices,
      NOW,
    )!;
    expect(finding.evidence.summary[0]).toMatch(/No healthy target/);
    expect(
      detectIdleLoadBalancer(
        lb({
          requests: hourly(7, () => 500),
          healthyTargets: hourly(7, (h, d) => (d === 6 && h > 20 ? 1 : 0)),
        }),
        prices,
        NOW,
      ),
    ).toBeUndefined();
  });
});

describe('detectIdleRds', () => {
  const db = (overrides: Partial<RdsInstanceUsage>): RdsInstanceUsage => ({
    arn: 'arn:aws:rds:eu-west-1:1:db:legacy',
    dbInstanceIdentifier: 'legacy',
    instanceClass: 'db.m5.large',
    engine: 'postgres',
    multiAz: true,
    storageGiB: 100,
    region: 'eu-west-1',
    connections: hourly(7, () => 0),
    ...overrides,
  });

  it('flags an instance with no connection on any of the last 7 days', () => {
    const finding = detectIdleRds(db({}), prices, NOW)!;
    const hourlyPrice = prices.prices.rds['db.m5.large'];
    expect(finding.monthlySavings).toBeCloseTo(hourlyPrice * 2 * 730, 6);
    expect(finding.current.monthlyCost).toBeGreaterThan(finding.monthlySavings);
  });

  it('does not flag one connection, nor a week with a day missing', () => {
    expect(
      detectIdleRds(
        db({ connections: hourly(7, (h, d) => (d === 2 && h === 4 ? 1 : 0)) }),
        prices,
        NOW,
      ),
    ).toBeUndefined();
    const gap = hourly(7, () => 0).filter(
      p => p.timestamp < NOW.getTime() - DAY,
    );
    expect(
      detectIdleRds(db({ connections: gap }), prices, NOW),
    ).toBeUndefined();
  });
});
