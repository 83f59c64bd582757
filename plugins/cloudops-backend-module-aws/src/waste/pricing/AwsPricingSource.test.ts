import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../../__testUtils__/awsTestEnvironment';
import { seedPriceProducts } from '../__testUtils__/priceProducts';
import { AwsPricingSource } from './AwsPricingSource';

jest.setTimeout(30_000);

const REGION = 'eu-west-1';
const signal = new AbortController().signal;

describe('AwsPricingSource', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([]);
    seedPriceProducts(
      env.fake,
      REGION,
      {
        instances: { 'm5.xlarge': 0.25, 'm5.large': 0.125 },
        gp3GbMonth: 0.11,
        albHour: 0.03,
        rds: { 'db.m5.large': 0.2 },
        rdsStorageGbMonth: 0.13,
        fargate: { vcpuHour: 0.05, gbHour: 0.005 },
      },
      150,
    );
  });
  afterEach(() => env.stop());

  it('reads on-demand prices of a region from GetProducts, page by page, and keeps them', async () => {
    let now = 0;
    const source = new AwsPricingSource({
      clients: env.clients(),
      endpointRegion: 'us-east-1',
      cacheMs: 3600_000,
      now: () => now,
    });
    const [prices, again] = await Promise.all([
      source.regionPrices(REGION, { signal }),
      source.regionPrices(REGION, { signal }),
    ]);
    expect(again).toBe(prices);
    expect(prices).toMatchObject({
      currency: 'USD',
      loadBalancers: { application: 0.03 },
      rds: { 'db.m5.large': 0.2 },
      rdsStorageGbMonth: 0.13,
      fargate: { vcpuHour: 0.05, gbHour: 0.005 },
    });
    // Linux only; the filler types took two pages.
    expect(prices.instances).toMatchObject({
      'm5.xlarge': 0.25,
      'm5.large': 0.125,
    });
    expect(Object.keys(prices.instances!)).toHaveLength(152);
    // The storage price is the API's; provisioned IOPS stay the table's.
    expect(prices.ebs!.gp3).toMatchObject({
      gbMonth: 0.11,
      includedIops: 3000,
    });
    const calls = env.fake.callsTo('pricing', 'GetProducts').length;
    // EC2 instances (2 pages), EBS, ELB, RDS instances and storage, Fargate.
    expect(calls).toBe(7);
    expect(
      env.fake.callsTo('pricing').every(c => c.region === 'us-east-1'),
    ).toBe(true);

    now = 1800_000;
    await source.regionPrices(REGION, { signal });
    expect(env.fake.callsTo('pricing')).toHaveLength(calls);
    now = 3600_000;
    await source.regionPrices(REGION, { signal });
    expect(env.fake.callsTo('pricing')).toHaveLength(2 * calls);
  });

  it('fails when the API does (the engine then uses the shipped table) and tries again next time', async () => {
    const source = new AwsPricingSource({
      clients: env.clients({ maxAttempts: 1 }),
      endpointRegion: 'us-east-1',
      cacheMs: 3600_000,
    });
    env.fake.deny('999999999999', 'pricing:GetProducts');
    await expect(source.regionPrices(REGION, { signal })).rejects.toThrow(
      /main account us-east-1: AccessDeniedException: .*pricing:GetProducts/,
    );
    const tried = env.fake.callsTo('pricing').length;
    await expect(source.regionPrices(REGION, { signal })).rejects.toThrow(
      /AccessDeniedException/,
    );
    expect(env.fake.callsTo('pricing').length).toBeGreaterThan(tried);
  });

  it('says so when a region has no EC2 prices', async () => {
    const source = new AwsPricingSource({
      clients: env.clients(),
      endpointRegion: 'us-east-1',
      cacheMs: 3600_000,
    });
    await expect(
      source.regionPrices('ap-southeast-2', { signal }),
    ).rejects.toThrow(
      'The AWS Price List API returned no EC2 prices for ap-southeast-2',
    );
  });
});
