import { PriceList } from '../prices/PriceList';
import { shippedRegionPrices } from '../prices/onDemandPriceTable';
import { hourly, networkPerDay, noise, NOW } from '../__testUtils__/shapes';
import { detectEc2Idle, Ec2InstanceUsage } from './ec2Idle';
import { DEFAULT_SAVINGS_THRESHOLDS } from './thresholds';

const prices = new PriceList(shippedRegionPrices('us-east-1')!);

function instance(overrides: Partial<Ec2InstanceUsage>): Ec2InstanceUsage {
  return {
    arn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc',
    instanceId: 'i-0abc',
    instanceType: 'm5.large',
    region: 'us-east-1',
    account: '111111111111',
    tags: { service: 'payments' },
    cpu: hourly(14, (_h, _d, i) => 2 + noise(i)),
    network: networkPerDay(14, () => 1),
    ...overrides,
  };
}

describe('detectEc2Idle', () => {
  it('flags an instance that idles every day, with its on-demand price', () => {
    const finding = detectEc2Idle(instance({}), prices, NOW)!;
    expect(finding).toMatchObject({
      kind: 'ec2-idle',
      resource: {
        id: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc',
        labels: { 'tag:service': 'payments' },
      },
      recommended: { action: 'stop', monthlyCost: 0 },
      currency: 'USD',
      evidence: { metrics: { lowDays: 14, observedDays: 14 } },
    });
    // m5.large: 0.096 an hour, 730 hours.
    expect(finding.monthlySavings).toBeCloseTo(70.08, 2);
    expect(finding.confidence).toBe(1);
    expect(finding.evidence.charts.map(c => c.title)).toEqual([
      'CPU utilisation (hourly average)',
      'Network I/O per day',
    ]);
    expect(finding.evidence.charts[0].series[0].points).toHaveLength(336);
  });

  it('needs at least 4 low days of the last 14 (Trusted Advisor)', () => {
    // Low CPU all along, but network above 5 MB on all but 3 days.
    const three = instance({
      network: networkPerDay(14, day => (day < 3 ? 2 : 50)),
    });
    expect(detectEc2Idle(three, prices, NOW)).toBeUndefined();
    const four = instance({
      network: networkPerDay(14, day => (day < 4 ? 2 : 50)),
    });
    expect(detectEc2Idle(four, prices, NOW)?.evidence.metrics.lowDays).toBe(4);
  });

  it('does not flag a bursty nightly batch that idles most of the day', () => {
    // Two hours at 85% every night: daily average about 9%, under 10%.
    const batch = instance({
      cpu: hourly(14, h => (h < 2 ? 85 : 2)),
    });
    const rule = DEFAULT_SAVINGS_THRESHOLDS.ec2Idle;
    expect(detectEc2Idle(batch, prices, NOW)).toBeUndefined();
    // Trusted Advisor's rule alone would have flagged it.
    expect(
      detectEc2Idle(batch, prices, NOW, { ...rule, burstCpuPercent: 100 }),
    ).toBeDefined();
  });

  it('does not flag a weekly job or a transfer-heavy day', () => {
    const weekly = instance({
      cpu: hourly(14, (h, day) => (day % 7 === 3 && h >= 9 && h < 13 ? 70 : 1)),
    });
    expect(detectEc2Idle(weekly, prices, NOW)).toBeUndefined();
    const transfer = instance({
      network: networkPerDay(14, day => (day === 10 ? 2000 : 1)),
    });
    expect(detectEc2Idle(transfer, prices, NOW)).toBeUndefined();
  });

  it('does not flag a steadily used instance', () => {
    const busy = instance({
      cpu: hourly(14, (_h, _d, i) => 35 + 5 * noise(i)),
    });
    expect(detectEc2Idle(busy, prices, NOW)).toBeUndefined();
  });

  it('counts only days with data, with a lower confidence for gaps', () => {
    // Stopped for 9 of the 14 days: no metrics then.
    const cpu = hourly(14, () => 1).filter(
      p => p.timestamp >= NOW.getTime() - 5 * 86_400_000,
    );
    const finding = detectEc2Idle(instance({ cpu }), prices, NOW)!;
    expect(finding.evidence.metrics).toMatchObject({
      lowDays: 5,
      observedDays: 5,
    });
    expect(finding.confidence).toBeCloseTo(5 / 14, 2);
  });

  it('needs network data to call a day low', () => {
    expect(
      detectEc2Idle(instance({ network: [] }), prices, NOW),
    ).toBeUndefined();
  });

  it.each([
    ['an EKS node', { 'eks:cluster-name': 'prod' }],
    ['a Kubernetes node', { 'kubernetes.io/cluster/prod': 'owned' }],
    ['a Karpenter node', { 'karpenter.sh/nodepool': 'default' }],
    ['a Karpenter v0 node', { 'karpenter.sh/provisioner-name': 'default' }],
    ['an Auto Scaling group member', { 'aws:autoscaling:groupName': 'web' }],
  ])('leaves %s to its manager, idle as it is', (_what, tags) => {
    // The Kubernetes idle-node detector counts a node; a group's capacity
    // is the group's.
    expect(
      detectEc2Idle(instance({ tags: { service: 'x', ...tags } }), prices, NOW),
    ).toBeUndefined();
  });

  it('flags without savings when the price is unknown', () => {
    const finding = detectEc2Idle(
      instance({ instanceType: 'x2iedn.32xlarge' }),
      prices,
      NOW,
    )!;
    expect(finding.monthlySavings).toBe(0);
    expect(finding.evidence.summary.join(' ')).toMatch(
      /No x2iedn.32xlarge price/,
    );
  });
});
