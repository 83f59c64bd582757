import {
  INSTANCE_TYPES,
  InstanceTypeSpec,
  instanceTypeSpec,
} from './instanceTypes';
import { RegionPrices } from './onDemandPriceTable';

/**
 * Hours in a month, as AWS bills them.
 *
 * @public
 */
export const HOURS_PER_MONTH = 730;

/**
 * OpenCost's default AWS unit prices (per vCPU-hour and per GiB-hour), used
 * to split a node's price between CPU and memory, and as the price of a
 * Kubernetes request when the node's instance type is unknown.
 */
const OPENCOST_CPU_HOUR = 0.031611;
const OPENCOST_RAM_GIB_HOUR = 0.004237;

/**
 * An EC2 instance type with its price in a region.
 *
 * @public
 */
export interface PricedInstanceType extends InstanceTypeSpec {
  hourly: number;
  monthly: number;
}

/**
 * Prices of one region in one currency, for the detection functions:
 * everything monthly. Undefined means the price is not known (the detector
 * then reports no savings rather than a guess).
 *
 * @public
 */
export class PriceList {
  private readonly candidates: PricedInstanceType[];

  /**
   * @param usdRate - units of this list's currency per US dollar (for the
   *   defaults that are known in dollars only)
   */
  constructor(readonly prices: RegionPrices, private readonly usdRate = 1) {
    this.candidates = INSTANCE_TYPES.filter(
      spec => prices.instances[spec.type] !== undefined,
    )
      .map(({ priceFactor: _factor, ...spec }) => ({
        ...spec,
        hourly: prices.instances[spec.type],
        monthly: prices.instances[spec.type] * HOURS_PER_MONTH,
      }))
      .sort((a, b) => a.hourly - b.hourly);
  }

  get currency(): string {
    return this.prices.currency;
  }

  /**
   * The same prices in another currency: every figure times `rate` (units
   * of `currency` per unit of this list's currency).
   */
  convert(currency: string, rate: number): PriceList {
    if (currency === this.currency && rate === 1) return this;
    const times = (v: number) => v * rate;
    const map = (record: Record<string, number>) =>
      Object.fromEntries(Object.entries(record).map(([k, v]) => [k, times(v)]));
    const p = this.prices;
    return new PriceList(
      {
        ...p,
        currency,
        instances: map(p.instances),
        ebs: Object.fromEntries(
          Object.entries(p.ebs).map(([type, e]) => [
            type,
            {
              ...e,
              gbMonth: times(e.gbMonth),
              iopsMonth: e.iopsMonth && times(e.iopsMonth),
              throughputMiBpsMonth:
                e.throughputMiBpsMonth && times(e.throughputMiBpsMonth),
            },
          ]),
        ),
        loadBalancers: map(p.loadBalancers as Record<string, number>),
        rds: map(p.rds),
        rdsStorageGbMonth: p.rdsStorageGbMonth && times(p.rdsStorageGbMonth),
        fargate: p.fargate && {
          vcpuHour: times(p.fargate.vcpuHour),
          gbHour: times(p.fargate.gbHour),
        },
      },
      this.usdRate * rate,
    );
  }

  /** An instance type with its price, when both are known. */
  instance(type: string): PricedInstanceType | undefined {
    const spec = instanceTypeSpec(type);
    const hourly = this.prices.instances[type];
    if (!spec || hourly === undefined) return undefined;
    return { ...spec, hourly, monthly: hourly * HOURS_PER_MONTH };
  }

  /** Every priced instance type of the region, cheapest first. */
  instanceTypes(): readonly PricedInstanceType[] {
    return this.candidates;
  }

  /** A volume's monthly price (size, plus provisioned IOPS and throughput above what is included). */
  ebsVolumeMonthly(volume: {
    volumeType: string;
    sizeGiB: number;
    iops?: number;
    throughputMiBps?: number;
  }): number | undefined {
    const price = this.prices.ebs[volume.volumeType];
    if (!price) return undefined;
    const iops = Math.max(0, (volume.iops ?? 0) - (price.includedIops ?? 0));
    const throughput = Math.max(
      0,
      (volume.throughputMiBps ?? 0) - (price.includedThroughputMiBps ?? 0),
    );
    return (
      volume.sizeGiB * price.gbMonth +
      (price.iopsMonth ? iops * price.iopsMonth : 0) +
      (price.throughputMiBpsMonth ? throughput * price.throughputMiBpsMonth : 0)
    );
  }

  /** A load balancer's monthly price (hours only: an idle one uses no capacity units). */
  loadBalancerMonthly(
    kind: 'application' | 'network' | 'gateway' | 'classic',
  ): number | undefined {
    const hourly = this.prices.loadBalancers[kind];
    return hourly === undefined ? undefined : hourly * HOURS_PER_MONTH;
  }

  /** An RDS instance's monthly price: the instance (twice for Multi-AZ) and its storage. */
  rdsMonthly(instance: {
    instanceClass: string;
    multiAz?: boolean;
    storageGiB?: number;
  }): { instance: number; storage: number } | undefined {
    const hourly = this.prices.rds[instance.instanceClass];
    if (hourly === undefined) return undefined;
    const az = instance.multiAz ? 2 : 1;
    return {
      instance: hourly * az * HOURS_PER_MONTH,
      storage:
        (instance.storageGiB ?? 0) * (this.prices.rdsStorageGbMonth ?? 0) * az,
    };
  }

  /** An ECS task's monthly price on Fargate. */
  fargateMonthly(vcpu: number, memoryGiB: number): number | undefined {
    const fargate = this.prices.fargate;
    if (!fargate) return undefined;
    return (
      (vcpu * fargate.vcpuHour + memoryGiB * fargate.gbHour) * HOURS_PER_MONTH
    );
  }

  /**
   * A Kubernetes node's monthly price: its instance type's (`priced`), else
   * what it offers at OpenCost's default unit prices.
   */
  kubernetesNodeMonthly(node: {
    instanceType?: string;
    allocatableCpuCores: number;
    allocatableMemoryBytes: number;
  }): { monthly: number; priced: boolean } {
    const type = node.instanceType && this.instance(node.instanceType);
    if (type) return { monthly: type.monthly, priced: true };
    const unit = this.kubernetesUnitMonthly();
    return {
      monthly:
        node.allocatableCpuCores * unit.cpuCore +
        (node.allocatableMemoryBytes / 2 ** 30) * unit.memoryGiB,
      priced: false,
    };
  }

  /**
   * What one CPU core and one GiB of memory requested on a node cost a
   * month: the node's instance price split between CPU and memory in
   * OpenCost's ratio, or OpenCost's default prices when the node's type is
   * not known.
   */
  kubernetesUnitMonthly(nodeInstanceType?: string): {
    cpuCore: number;
    memoryGiB: number;
  } {
    const node = nodeInstanceType ? this.instance(nodeInstanceType) : undefined;
    if (!node) {
      return {
        cpuCore: OPENCOST_CPU_HOUR * HOURS_PER_MONTH * this.usdRate,
        memoryGiB: OPENCOST_RAM_GIB_HOUR * HOURS_PER_MONTH * this.usdRate,
      };
    }
    const cpuWeight = node.vcpu * OPENCOST_CPU_HOUR;
    const ramWeight = node.memoryGiB * OPENCOST_RAM_GIB_HOUR;
    const cpuShare = cpuWeight / (cpuWeight + ramWeight);
    return {
      cpuCore: (node.monthly * cpuShare) / node.vcpu,
      memoryGiB: (node.monthly * (1 - cpuShare)) / node.memoryGiB,
    };
  }
}
