import { FakeAws } from '../../__testUtils__/fakeAws';

/**
 * Seeds the fake Price List API with a region's products as AWS lists them
 * (with the neighbours the filters must leave out: Windows instances, LCU
 * hours, Fargate on ARM), and `fillers` more EC2 instance types so that
 * the listing takes several pages.
 */
export function seedPriceProducts(
  fake: FakeAws,
  regionCode: string,
  prices: {
    instances: Record<string, number>;
    gp3GbMonth: number;
    albHour: number;
    rds: Record<string, number>;
    rdsStorageGbMonth: number;
    fargate: { vcpuHour: number; gbHour: number };
  },
  fillers = 0,
) {
  const ec2 = (instanceType: string, usd: number, operatingSystem: string) =>
    fake.pricing.addProduct({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {
        regionCode,
        instanceType,
        operatingSystem,
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
        licenseModel: 'No License required',
      },
      usd,
      unit: 'Hrs',
    });
  for (const [type, usd] of Object.entries(prices.instances)) {
    ec2(type, usd, 'Linux');
    ec2(type, usd * 2, 'Windows');
  }
  for (let n = 0; n < fillers; n++) ec2(`x9.filler${n}`, 1 + n, 'Linux');
  fake.pricing.addProduct({
    serviceCode: 'AmazonEC2',
    productFamily: 'Storage',
    attributes: { regionCode, volumeApiName: 'gp3' },
    usd: prices.gp3GbMonth,
    unit: 'GB-Mo',
  });
  for (const [usagetype, usd, unit] of [
    ['EU-LoadBalancerUsage', prices.albHour, 'Hrs'],
    ['EU-LCUUsage', 0.008, 'LCU-Hrs'],
  ] as const) {
    fake.pricing.addProduct({
      serviceCode: 'AWSELB',
      productFamily: 'Load Balancer-Application',
      attributes: { regionCode, usagetype },
      usd,
      unit,
    });
  }
  for (const [instanceType, usd] of Object.entries(prices.rds)) {
    fake.pricing.addProduct({
      serviceCode: 'AmazonRDS',
      productFamily: 'Database Instance',
      attributes: {
        regionCode,
        instanceType,
        databaseEngine: 'PostgreSQL',
        deploymentOption: 'Single-AZ',
      },
      usd,
      unit: 'Hrs',
    });
  }
  fake.pricing.addProduct({
    serviceCode: 'AmazonRDS',
    productFamily: 'Database Storage',
    attributes: {
      regionCode,
      databaseEngine: 'PostgreSQL',
      deploymentOption: 'Single-AZ',
      volumeType: 'General Purpose',
    },
    usd: prices.rdsStorageGbMonth,
    unit: 'GB-Mo',
  });
  for (const [usagetype, usd] of [
    // Spot first: the Price List does not promise an order.
    ['EU-SpotUsage-Fargate-vCPU-Hours:perCPU', prices.fargate.vcpuHour * 0.3],
    ['EU-SpotUsage-Fargate-GB-Hours', prices.fargate.gbHour * 0.3],
    ['EU-Fargate-vCPU-Hours:perCPU', prices.fargate.vcpuHour],
    ['EU-Fargate-GB-Hours', prices.fargate.gbHour],
    ['EU-Fargate-ARM-vCPU-Hours:perCPU', prices.fargate.vcpuHour * 0.8],
  ] as const) {
    fake.pricing.addProduct({
      serviceCode: 'AmazonECS',
      productFamily: 'Compute',
      attributes: { regionCode, usagetype },
      usd,
      unit: 'hours',
    });
  }
}
