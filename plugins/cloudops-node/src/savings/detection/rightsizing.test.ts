import { PriceList } from '../prices/PriceList';
import { shippedRegionPrices } from '../prices/onDemandPriceTable';
import { hourly, noise, NOW } from '../__testUtils__/shapes';
import {
  cheapestFittingInstance,
  detectEc2Rightsizing,
} from './ec2Rightsizing';
import { detectEcsRightsizing } from './ecsRightsizing';
import { DEFAULT_SAVINGS_THRESHOLDS } from './thresholds';

const prices = new PriceList(shippedRegionPrices('us-east-1')!);
const base = {
  arn: 'arn:aws:ec2:us-east-1:1:instance/i-1',
  instanceId: 'i-1',
  region: 'us-east-1',
};

describe('detectEc2Rightsizing', () => {
  it('sizes for p99.5 CPU + 20% and memory + 20%, to the cheapest type that fits', () => {
    // m5.4xlarge (16 vCPU, 64 GiB) at 10–15% CPU and 20% memory:
    // p99.5 ≈ 2.4 vCPU → 2.9 needed; 12.8 GiB → 15.4 GiB needed.
    const finding = detectEc2Rightsizing(
      {
        ...base,
        instanceType: 'm5.4xlarge',
        cpu: hourly(14, (h, _d, i) => 12 + 3 * Math.sin(h / 3.8) + noise(i)),
        memory: hourly(14, (_h, _d, i) => 20 + 0.5 * noise(i, 2)),
      },
      prices,
      NOW,
    )!;
    expect(finding.recommended).toMatchObject({
      action: 'resize',
      spec: { instanceType: 'm5.xlarge' },
    });
    expect(finding.current.spec.instanceType).toBe('m5.4xlarge');
    expect(finding.monthlySavings).toBeCloseTo((0.768 - 0.192) * 730, 2);
    expect(finding.evidence.metrics.neededVcpu).toBeGreaterThan(2.8);
    expect(finding.evidence.metrics.neededVcpu).toBeLessThan(3.3);
    expect(finding.confidence).toBe(1);
  });

  it("leaves a Kubernetes node's or an Auto Scaling group's type to them", () => {
    const oversized = {
      ...base,
      instanceType: 'm5.4xlarge',
      cpu: hourly(14, () => 5),
    };
    expect(detectEc2Rightsizing(oversized, prices, NOW)).toBeDefined();
    const managed: Array<Record<string, string>> = [
      { 'eks:cluster-name': 'prod' },
      { 'kubernetes.io/cluster/prod': 'owned' },
      { 'karpenter.sh/nodepool': 'default' },
      { 'aws:autoscaling:groupName': 'web' },
    ];
    for (const tags of managed) {
      expect(
        detectEc2Rightsizing({ ...oversized, tags }, prices, NOW),
      ).toBeUndefined();
    }
  });

  it('keeps the memory without memory metrics, and the architecture unless allowed', () => {
    const cpu = hourly(14, () => 5);
    const noMemory = detectEc2Rightsizing(
      { ...base, instanceType: 'm5.4xlarge', cpu },
      prices,
      NOW,
    )!;
    // 64 GiB kept: the cheapest x86 type with ≥ 64 GiB and ≥ 0.96 vCPU.
    expect(noMemory.recommended.spec).toMatchObject({
      instanceType: 'r5.2xlarge',
      memoryGiB: 64,
    });
    // Already the cheapest with its memory: nothing to recommend.
    expect(
      detectEc2Rightsizing(
        { ...base, instanceType: 'r5.2xlarge', cpu },
        prices,
        NOW,
      ),
    ).toBeUndefined();
    expect(noMemory.confidence).toBe(0.8);
    const graviton = detectEc2Rightsizing(
      {
        ...base,
        instanceType: 'm5.2xlarge',
        cpu,
        memory: hourly(14, () => 10),
      },
      prices,
      NOW,
      {
        ...DEFAULT_SAVINGS_THRESHOLDS.rightsizing,
        allowArchitectureChange: true,
      },
    )!;
    expect(String(graviton.recommended.spec.instanceType)).toMatch(/g\./);
  });

  it('does not flag a right-sized or a bursty instance whose peaks need the capacity', () => {
    const busy = hourly(
      14,
      (h, _d, i) => 55 + 10 * Math.sin(h / 3.8) + 3 * noise(i),
    );
    expect(
      detectEc2Rightsizing(
        {
          ...base,
          instanceType: 'c5.xlarge',
          cpu: busy,
          memory: hourly(14, () => 60),
        },
        prices,
        NOW,
      ),
    ).toBeUndefined();
    // Idle most of the time, at 95% two hours a night: sized for the peak.
    const bursty = hourly(14, h => (h < 2 ? 95 : 3));
    expect(
      detectEc2Rightsizing(
        {
          ...base,
          instanceType: 'm5.xlarge',
          cpu: bursty,
          memory: hourly(14, () => 50),
        },
        prices,
        NOW,
      ),
    ).toBeUndefined();
  });

  it('sizes for a peak that recurs on two days (a weekly batch), not for a one-off spike', () => {
    const memory = hourly(14, () => 20);
    const weekly = hourly(14, (h, d) => (d % 7 === 2 && h === 1 ? 90 : 4));
    expect(
      detectEc2Rightsizing(
        { ...base, instanceType: 'm5.2xlarge', cpu: weekly, memory },
        prices,
        NOW,
      ),
    ).toBeUndefined();
    const once = hourly(14, (h, d) => (d === 9 && h === 1 ? 90 : 4));
    expect(
      detectEc2Rightsizing(
        { ...base, instanceType: 'm5.2xlarge', cpu: once, memory },
        prices,
        NOW,
      )?.recommended.spec.instanceType,
    ).toBe('t3a.large');
  });

  it('needs two days of data and a known price', () => {
    const short = hourly(1, () => 5);
    expect(
      detectEc2Rightsizing(
        { ...base, instanceType: 'm5.4xlarge', cpu: short },
        prices,
        NOW,
      ),
    ).toBeUndefined();
    expect(
      detectEc2Rightsizing(
        { ...base, instanceType: 'z1d.large', cpu: hourly(14, () => 5) },
        prices,
        NOW,
      ),
    ).toBeUndefined();
  });
});

describe('cheapestFittingInstance', () => {
  it('keeps a burstable type only when its baseline covers the mean CPU', () => {
    const candidates = prices.instanceTypes();
    const options = {
      architecture: 'x86_64',
      allowArchitectureChange: false,
      headroom: 0.2,
    };
    const light = cheapestFittingInstance(
      { vcpu: 1.5, memoryGiB: 3, meanVcpu: 0.1, memoryKnown: true },
      candidates,
      options,
    );
    expect(light?.type).toBe('t3a.medium');
    const steady = cheapestFittingInstance(
      { vcpu: 1.5, memoryGiB: 3, meanVcpu: 1.2, memoryKnown: true },
      candidates,
      options,
    );
    expect(steady?.baselineShare).toBeUndefined();
    expect(steady?.type).toBe('c5.large');
  });
});

describe('detectEcsRightsizing', () => {
  it('recommends the cheapest Fargate size that fits, for every task', () => {
    const finding = detectEcsRightsizing(
      {
        arn: 'arn:aws:ecs:us-east-1:1:service/shop/cart',
        cluster: 'shop',
        serviceName: 'cart',
        region: 'us-east-1',
        taskCpuUnits: 2048,
        taskMemoryMiB: 8192,
        desiredCount: 4,
        // 2 vCPU at ≤ 20% → 0.48 vCPU needed; 8 GiB at 20% → 1.92 GiB.
        cpu: hourly(14, (_h, _d, i) => 18 + 2 * noise(i)),
        memory: hourly(14, () => 20),
      },
      prices,
      NOW,
    )!;
    expect(finding.recommended.spec).toMatchObject({
      cpu: 512,
      memory: 2048,
      desiredCount: 4,
    });
    const perTask = (v: number, g: number) =>
      (v * 0.04048 + g * 0.004445) * 730;
    expect(finding.monthlySavings).toBeCloseTo(
      4 * (perTask(2, 8) - perTask(0.5, 2)),
      2,
    );
  });

  it('leaves a well-sized service alone', () => {
    expect(
      detectEcsRightsizing(
        {
          arn: 'a',
          cluster: 'c',
          serviceName: 's',
          region: 'us-east-1',
          taskCpuUnits: 512,
          taskMemoryMiB: 1024,
          desiredCount: 2,
          cpu: hourly(14, () => 70),
          memory: hourly(14, () => 70),
        },
        prices,
        NOW,
      ),
    ).toBeUndefined();
  });
});
