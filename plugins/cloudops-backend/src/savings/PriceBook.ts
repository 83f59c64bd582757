import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PriceList,
  PricingSource,
  RegionPrices,
  shippedRegionPrices,
} from '@cloudops-ai/backstage-plugin-cloudops-node';

const DAY_MS = 86_400_000;

/**
 * Prices for the detectors: the shipped table, overlaid with what the
 * pricing source (the AWS Pricing API) returns for the region, kept for a
 * day; converted to the currency of the priced resources' AWS account (not
 * the detector's shard, which may hold several accounts or be a cluster).
 */
export class PriceBook {
  private readonly cache = new Map<
    string,
    { at: number; prices?: RegionPrices }
  >();

  constructor(
    private readonly options: {
      source?: PricingSource;
      accountCurrencies: Record<string, { currency: string; usdRate: number }>;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  /** The prices of `region` in the currency of `account` (US dollars by default). */
  async prices(
    region: string,
    account: string | undefined,
    signal: AbortSignal,
  ): Promise<PriceList | undefined> {
    const prices = await this.regionPrices(region, signal);
    if (!prices) return undefined;
    const list = new PriceList(prices);
    const target = account
      ? this.options.accountCurrencies[account]
      : undefined;
    return target && prices.currency === 'USD'
      ? list.convert(target.currency, target.usdRate)
      : list;
  }

  private async regionPrices(
    region: string,
    signal: AbortSignal,
  ): Promise<RegionPrices | undefined> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(region);
    if (cached && now - cached.at < DAY_MS) return cached.prices;
    const shipped = shippedRegionPrices(region);
    let prices = shipped;
    if (this.options.source) {
      try {
        const fetched = await this.options.source.regionPrices(region, {
          signal,
        });
        if (fetched) {
          prices = {
            region,
            currency: fetched.currency ?? shipped?.currency ?? 'USD',
            asOf: fetched.asOf ?? new Date(now).toISOString().slice(0, 10),
            source: this.options.source.id,
            instances: { ...shipped?.instances, ...fetched.instances },
            ebs: { ...shipped?.ebs, ...fetched.ebs },
            loadBalancers: {
              ...shipped?.loadBalancers,
              ...fetched.loadBalancers,
            },
            rds: { ...shipped?.rds, ...fetched.rds },
            rdsStorageGbMonth:
              fetched.rdsStorageGbMonth ?? shipped?.rdsStorageGbMonth,
            fargate: fetched.fargate ?? shipped?.fargate,
          };
        }
      } catch (error) {
        this.options.logger.warn(
          `Pricing source ${this.options.source.id} failed for ${region}; using the shipped price table: ${error}`,
        );
        // Retried at the next scan rather than cached for a day.
        return shipped;
      }
    }
    this.cache.set(region, { at: now, prices });
    return prices;
  }
}
