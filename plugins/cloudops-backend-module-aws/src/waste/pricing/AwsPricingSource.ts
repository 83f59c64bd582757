import {
  Filter,
  paginateGetProducts,
  PricingClient,
} from '@aws-sdk/client-pricing';
import {
  PricingSource,
  RegionPrices,
  shippedRegionPrices,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../../clients/AwsClients';

/** The pricing source id, as prices' `source` shows it. */
export const AWS_PRICING_SOURCE_ID = 'aws-pricing-api';

/** One product of the price list with its on-demand price per unit, in US dollars. */
interface PricedProduct {
  productFamily: string;
  attributes: Record<string, string>;
  unit: string;
  usd: number;
}

const LOAD_BALANCER_FAMILIES: Record<
  string,
  keyof RegionPrices['loadBalancers']
> = {
  'Load Balancer-Application': 'application',
  'Load Balancer-Network': 'network',
  'Load Balancer-Gateway': 'gateway',
  'Load Balancer': 'classic',
};

/** Reads the on-demand price of a price list item (`aws_v1` format). */
export function parsePriceListItem(item: string): PricedProduct | undefined {
  const parsed = JSON.parse(item);
  const terms = Object.values(parsed.terms?.OnDemand ?? {}) as any[];
  const dimension = terms.flatMap(
    t => Object.values(t.priceDimensions ?? {}) as any[],
  )[0];
  const usd = Number(dimension?.pricePerUnit?.USD);
  if (!dimension || !Number.isFinite(usd)) return undefined;
  return {
    productFamily: parsed.product?.productFamily ?? '',
    attributes: parsed.product?.attributes ?? {},
    unit: dimension.unit,
    usd,
  };
}

const match = (fields: Record<string, string>): Filter[] =>
  Object.entries(fields).map(([Field, Value]) => ({
    Type: 'TERM_MATCH',
    Field,
    Value,
  }));

/**
 * Current on-demand prices from the AWS Price List Query API (GetProducts,
 * from its `us-east-1` endpoint by default, with the main account's
 * credentials): EC2 Linux shared-tenancy instances, EBS storage per GB-month,
 * load balancer hours, RDS for PostgreSQL single-AZ instances and storage,
 * and Fargate vCPU and GB hours of a region, in US dollars. Fetched once
 * per region per `cacheMs` (one fetch even when every detector asks at
 * once); a failure is not kept, and the engine falls back to the shipped
 * table for that scan.
 */
export class AwsPricingSource implements PricingSource {
  readonly id = AWS_PRICING_SOURCE_ID;
  private readonly cache = new Map<
    string,
    { at: number; prices: Promise<Partial<RegionPrices>> }
  >();

  constructor(
    private readonly options: {
      clients: AwsClients;
      /** The Price List API endpoint's region: us-east-1, eu-central-1 or ap-south-1. */
      endpointRegion: string;
      cacheMs: number;
      now?: () => number;
    },
  ) {}

  regionPrices(
    region: string,
    { signal }: { signal: AbortSignal },
  ): Promise<Partial<RegionPrices>> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(region);
    if (cached && now - cached.at < this.options.cacheMs) return cached.prices;
    const prices = this.fetch(region, signal);
    this.cache.set(region, { at: now, prices });
    prices.catch(() => {
      if (this.cache.get(region)?.prices === prices) this.cache.delete(region);
    });
    return prices;
  }

  private async products(
    serviceCode: string,
    filters: Record<string, string>,
    signal: AbortSignal,
  ): Promise<PricedProduct[]> {
    return this.options.clients.call(
      { region: this.options.endpointRegion },
      PricingClient,
      async client => {
        const found: PricedProduct[] = [];
        for await (const page of paginateGetProducts(
          { client, pageSize: 100 },
          {
            ServiceCode: serviceCode,
            FormatVersion: 'aws_v1',
            Filters: match(filters),
          },
        )) {
          signal.throwIfAborted();
          for (const item of (page.PriceList ?? []) as string[]) {
            const product = parsePriceListItem(String(item));
            if (product) found.push(product);
          }
        }
        return found;
      },
      signal,
    );
  }

  private async fetch(
    region: string,
    signal: AbortSignal,
  ): Promise<Partial<RegionPrices>> {
    const regionCode = region;
    const [instances, storage, balancers, databases, dbStorage, fargate] =
      await Promise.all([
        this.products(
          'AmazonEC2',
          {
            regionCode,
            productFamily: 'Compute Instance',
            operatingSystem: 'Linux',
            tenancy: 'Shared',
            preInstalledSw: 'NA',
            capacitystatus: 'Used',
            licenseModel: 'No License required',
          },
          signal,
        ),
        this.products(
          'AmazonEC2',
          { regionCode, productFamily: 'Storage' },
          signal,
        ),
        this.products('AWSELB', { regionCode }, signal),
        this.products(
          'AmazonRDS',
          {
            regionCode,
            productFamily: 'Database Instance',
            databaseEngine: 'PostgreSQL',
            deploymentOption: 'Single-AZ',
          },
          signal,
        ),
        this.products(
          'AmazonRDS',
          {
            regionCode,
            productFamily: 'Database Storage',
            databaseEngine: 'PostgreSQL',
            deploymentOption: 'Single-AZ',
            volumeType: 'General Purpose',
          },
          signal,
        ),
        this.products(
          'AmazonECS',
          { regionCode, productFamily: 'Compute' },
          signal,
        ),
      ]);

    const hourly = (p: PricedProduct) => /^hrs?$/i.test(p.unit);
    const shippedEbs = shippedRegionPrices(region)?.ebs ?? {};
    const prices: Partial<RegionPrices> = {
      currency: 'USD',
      instances: Object.fromEntries(
        instances
          .filter(p => hourly(p) && p.attributes.instanceType)
          .map(p => [p.attributes.instanceType, p.usd]),
      ),
      // Provisioned IOPS and throughput stay as the table has them.
      ebs: Object.fromEntries(
        storage
          .filter(p => p.attributes.volumeApiName && /GB-?Mo/i.test(p.unit))
          .map(p => [
            p.attributes.volumeApiName,
            { ...shippedEbs[p.attributes.volumeApiName], gbMonth: p.usd },
          ]),
      ),
      loadBalancers: Object.fromEntries(
        balancers
          .filter(
            p =>
              hourly(p) &&
              LOAD_BALANCER_FAMILIES[p.productFamily] &&
              /LoadBalancerUsage$/.test(p.attributes.usagetype ?? ''),
          )
          .map(p => [LOAD_BALANCER_FAMILIES[p.productFamily], p.usd]),
      ),
      rds: Object.fromEntries(
        databases
          .filter(p => hourly(p) && p.attributes.instanceType)
          .map(p => [p.attributes.instanceType, p.usd]),
      ),
    };
    const gbMonth = dbStorage.find(p => /GB-?Mo/i.test(p.unit));
    if (gbMonth) prices.rdsStorageGbMonth = gbMonth.usd;
    const usage = (pattern: RegExp) =>
      fargate.find(p => pattern.test(p.attributes.usagetype ?? ''))?.usd;
    // On-demand only: `EU-Fargate-…` or `Fargate-…`, not `EU-SpotUsage-Fargate-…`.
    const vcpuHour = usage(/^([A-Z0-9]+-)?Fargate-vCPU-Hours:perCPU$/);
    const gbHour = usage(/^([A-Z0-9]+-)?Fargate-GB-Hours$/);
    if (vcpuHour !== undefined && gbHour !== undefined) {
      prices.fargate = { vcpuHour, gbHour };
    }
    if (Object.keys(prices.instances!).length === 0) {
      throw new Error(
        `The AWS Price List API returned no EC2 prices for ${region}`,
      );
    }
    return prices;
  }
}
