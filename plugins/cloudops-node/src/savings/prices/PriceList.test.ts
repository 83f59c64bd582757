import { HOURS_PER_MONTH, PriceList } from './PriceList';
import {
  PRICE_TABLE_DATE,
  SHIPPED_PRICE_REGIONS,
  shippedRegionPrices,
} from './onDemandPriceTable';

describe('the shipped price table', () => {
  it('covers the main regions, dated', () => {
    expect(SHIPPED_PRICE_REGIONS).toEqual([
      'ap-northeast-1',
      'ap-southeast-1',
      'eu-central-1',
      'eu-west-1',
      'us-east-1',
      'us-east-2',
      'us-west-2',
    ]);
    expect(shippedRegionPrices('us-east-1')).toMatchObject({
      asOf: PRICE_TABLE_DATE,
      currency: 'USD',
      source: 'shipped-table',
    });
    expect(shippedRegionPrices('mars-north-1')).toBeUndefined();
  });

  it('prices sizes linearly within a family, as AWS does', () => {
    const us = new PriceList(shippedRegionPrices('us-east-1')!);
    expect(us.instance('m5.large')?.hourly).toBe(0.096);
    expect(us.instance('m5.4xlarge')?.hourly).toBe(0.768);
    expect(us.instance('t3.micro')?.hourly).toBe(0.0104);
    expect(us.instance('c5.9xlarge')?.hourly).toBeCloseTo(1.53, 6);
    expect(us.instance('m6g.medium')).toMatchObject({
      hourly: 0.0385,
      vcpu: 1,
      memoryGiB: 4,
      architecture: 'arm64',
    });
    expect(us.instance('t3.large')).toMatchObject({
      vcpu: 2,
      memoryGiB: 8,
      baselineShare: 0.3,
    });
    expect(us.instance('m5.large')?.monthly).toBeCloseTo(
      0.096 * HOURS_PER_MONTH,
      9,
    );
    const types = us.instanceTypes();
    expect(types.length).toBeGreaterThan(100);
    expect(
      types.every((t, i) => i === 0 || types[i - 1].hourly <= t.hourly),
    ).toBe(true);
  });

  it('prices volumes, load balancers, RDS and Fargate', () => {
    const eu = new PriceList(shippedRegionPrices('eu-central-1')!);
    expect(
      eu.ebsVolumeMonthly({ volumeType: 'gp2', sizeGiB: 100 }),
    ).toBeCloseTo(11.9, 6);
    expect(
      eu.ebsVolumeMonthly({
        volumeType: 'gp3',
        sizeGiB: 100,
        iops: 3000,
        throughputMiBps: 250,
      }),
    ).toBeCloseTo(9.52 + 125 * 0.048, 6);
    expect(
      eu.ebsVolumeMonthly({ volumeType: 'magnetic-tape', sizeGiB: 1 }),
    ).toBeUndefined();
    expect(eu.loadBalancerMonthly('network')).toBeCloseTo(0.027 * 730, 6);
    const us = new PriceList(shippedRegionPrices('us-east-1')!);
    expect(
      us.rdsMonthly({
        instanceClass: 'db.r6g.xlarge',
        multiAz: true,
        storageGiB: 100,
      }),
    ).toEqual({
      instance: 0.45 * 2 * 730,
      storage: 100 * 0.115 * 2,
    });
    expect(
      us.rdsMonthly({ instanceClass: 'db.t3.medium' })?.instance,
    ).toBeCloseTo(0.072 * 730, 6);
    expect(us.fargateMonthly(1, 2)).toBeCloseTo(
      (0.04048 + 2 * 0.004445) * 730,
      6,
    );
  });

  it('splits a node between CPU and memory in OpenCost’s ratio', () => {
    const us = new PriceList(shippedRegionPrices('us-east-1')!);
    const unit = us.kubernetesUnitMonthly('m5.xlarge');
    expect(4 * unit.cpuCore + 16 * unit.memoryGiB).toBeCloseTo(0.192 * 730, 6);
    expect(unit.cpuCore / unit.memoryGiB).toBeCloseTo(0.031611 / 0.004237, 6);
    expect(us.kubernetesUnitMonthly().cpuCore).toBeCloseTo(0.031611 * 730, 6);
  });

  it('converts to an account currency', () => {
    const eur = new PriceList(shippedRegionPrices('eu-west-1')!).convert(
      'EUR',
      0.9,
    );
    expect(eur.currency).toBe('EUR');
    expect(eur.instance('m5.large')?.hourly).toBeCloseTo(0.107 * 0.9, 9);
    expect(
      eur.ebsVolumeMonthly({ volumeType: 'gp2', sizeGiB: 10 }),
    ).toBeCloseTo(1.1 * 0.9, 9);
    expect(eur.kubernetesUnitMonthly().cpuCore).toBeCloseTo(
      0.031611 * 730 * 0.9,
      9,
    );
  });
});
