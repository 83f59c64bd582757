import { INSTANCE_TYPES } from './instanceTypes';

/**
 * On-demand prices in one region, in `currency`. Monthly figures use AWS's
 * 730 hours a month.
 *
 * @public
 */
export interface RegionPrices {
  region: string;
  /** ISO 4217. */
  currency: string;
  /** The date the prices were taken (YYYY-MM-DD). */
  asOf: string;
  /** `shipped-table`, `aws-pricing-api`… */
  source: string;
  /** EC2 Linux, shared tenancy: instance type → per hour. */
  instances: Record<string, number>;
  /** EBS volume type → per GB-month, plus provisioned IOPS and throughput above what is included. */
  ebs: Record<
    string,
    {
      gbMonth: number;
      iopsMonth?: number;
      includedIops?: number;
      throughputMiBpsMonth?: number;
      includedThroughputMiBps?: number;
    }
  >;
  /** Elastic Load Balancing, per load balancer-hour (capacity units not included). */
  loadBalancers: Partial<
    Record<'application' | 'network' | 'gateway' | 'classic', number>
  >;
  /** RDS for PostgreSQL, single-AZ: instance class → per hour (Multi-AZ is twice). */
  rds: Record<string, number>;
  /** RDS storage, per GB-month. */
  rdsStorageGbMonth?: number;
  /** ECS on Fargate, Linux x86: per vCPU-hour and per GB-hour. */
  fargate?: { vcpuHour: number; gbHour: number };
}

/** The date of the shipped table. */
export const PRICE_TABLE_DATE = '2025-06-01';

type FamilyPrices = Record<string, number>;

/**
 * Per-hour price of each family's `large` size (Linux, on-demand), per
 * region. Sizes scale linearly within a family, as AWS prices them.
 */
const LARGE_PRICES: Record<string, FamilyPrices> = {
  'us-east-1': {
    t3: 0.0832,
    t3a: 0.0752,
    t4g: 0.0672,
    m5: 0.096,
    m6i: 0.096,
    m7i: 0.1008,
    m6g: 0.077,
    m7g: 0.0816,
    c5: 0.085,
    c6i: 0.085,
    c7i: 0.08925,
    c6g: 0.068,
    c7g: 0.0725,
    r5: 0.126,
    r6i: 0.126,
    r7i: 0.1323,
    r6g: 0.1008,
    r7g: 0.1071,
  },
  'eu-west-1': {
    t3: 0.0912,
    t3a: 0.0816,
    t4g: 0.0736,
    m5: 0.107,
    m6i: 0.107,
    m7i: 0.1124,
    m6g: 0.086,
    m7g: 0.0912,
    c5: 0.096,
    c6i: 0.096,
    c7i: 0.1008,
    c6g: 0.0768,
    c7g: 0.0816,
    r5: 0.141,
    r6i: 0.141,
    r7i: 0.1481,
    r6g: 0.1128,
    r7g: 0.1195,
  },
  'eu-central-1': {
    t3: 0.096,
    t3a: 0.0864,
    t4g: 0.0768,
    m5: 0.115,
    m6i: 0.115,
    m7i: 0.1208,
    m6g: 0.092,
    m7g: 0.0976,
    c5: 0.097,
    c6i: 0.097,
    c7i: 0.1019,
    c6g: 0.0776,
    c7g: 0.0824,
    r5: 0.152,
    r6i: 0.152,
    r7i: 0.1596,
    r6g: 0.1216,
    r7g: 0.129,
  },
  'ap-southeast-1': {
    t3: 0.1056,
    t3a: 0.0944,
    t4g: 0.0848,
    m5: 0.12,
    m6i: 0.12,
    m7i: 0.126,
    m6g: 0.096,
    m7g: 0.1018,
    c5: 0.098,
    c6i: 0.098,
    c7i: 0.1029,
    c6g: 0.0784,
    c7g: 0.0833,
    r5: 0.152,
    r6i: 0.152,
    r7i: 0.1596,
    r6g: 0.1216,
    r7g: 0.129,
  },
  'ap-northeast-1': {
    t3: 0.1088,
    t3a: 0.0979,
    t4g: 0.0864,
    m5: 0.124,
    m6i: 0.124,
    m7i: 0.1302,
    m6g: 0.099,
    m7g: 0.1048,
    c5: 0.107,
    c6i: 0.107,
    c7i: 0.1124,
    c6g: 0.0856,
    c7g: 0.0908,
    r5: 0.152,
    r6i: 0.152,
    r7i: 0.1596,
    r6g: 0.1216,
    r7g: 0.129,
  },
};
// US East (Ohio) and US West (Oregon) price these as N. Virginia does.
LARGE_PRICES['us-east-2'] = LARGE_PRICES['us-east-1'];
LARGE_PRICES['us-west-2'] = LARGE_PRICES['us-east-1'];

type EbsRow = [
  gp3: number,
  gp3Iops: number,
  gp3Throughput: number,
  gp2: number,
  io: number,
  ioIops: number,
  st1: number,
  sc1: number,
  standard: number,
];

const EBS: Record<string, EbsRow> = {
  'us-east-1': [0.08, 0.005, 0.04, 0.1, 0.125, 0.065, 0.045, 0.015, 0.05],
  'eu-west-1': [0.088, 0.0055, 0.044, 0.11, 0.138, 0.072, 0.05, 0.0168, 0.055],
  'eu-central-1': [
    0.0952, 0.006, 0.048, 0.119, 0.149, 0.078, 0.054, 0.018, 0.059,
  ],
  'ap-southeast-1': [
    0.096, 0.006, 0.048, 0.12, 0.138, 0.072, 0.054, 0.018, 0.08,
  ],
  'ap-northeast-1': [
    0.096, 0.006, 0.048, 0.12, 0.142, 0.074, 0.054, 0.018, 0.08,
  ],
};
EBS['us-east-2'] = EBS['us-east-1'];
EBS['us-west-2'] = EBS['us-east-1'];

/** Application, network, gateway, classic load balancer per hour. */
const LOAD_BALANCERS: Record<string, [number, number, number, number]> = {
  'us-east-1': [0.0225, 0.0225, 0.0125, 0.025],
  'eu-west-1': [0.0252, 0.0252, 0.014, 0.028],
  'eu-central-1': [0.027, 0.027, 0.015, 0.03],
  'ap-southeast-1': [0.0252, 0.0252, 0.014, 0.028],
  'ap-northeast-1': [0.0243, 0.0243, 0.0135, 0.027],
};
LOAD_BALANCERS['us-east-2'] = LOAD_BALANCERS['us-east-1'];
LOAD_BALANCERS['us-west-2'] = LOAD_BALANCERS['us-east-1'];

/**
 * RDS for PostgreSQL single-AZ in the US regions: the `large` (or `micro`
 * for T classes) price of each class family; sizes scale linearly.
 */
const RDS_US: Record<string, number> = {
  'db.t3.micro': 0.018,
  'db.t4g.micro': 0.016,
  'db.m5.large': 0.178,
  'db.m6i.large': 0.178,
  'db.m6g.large': 0.159,
  'db.m7g.large': 0.168,
  'db.r5.large': 0.25,
  'db.r6i.large': 0.25,
  'db.r6g.large': 0.225,
};
const RDS_T_SIZES: Array<[string, number]> = [
  ['micro', 1],
  ['small', 2],
  ['medium', 4],
  ['large', 8],
];
const RDS_SIZES: Array<[string, number]> = [
  ['large', 1],
  ['xlarge', 2],
  ['2xlarge', 4],
  ['4xlarge', 8],
  ['8xlarge', 16],
];

const round = (value: number) => Math.round(value * 1e6) / 1e6;

function rdsClasses(scale: number): Record<string, number> {
  const classes: Record<string, number> = {};
  for (const [base, price] of Object.entries(RDS_US)) {
    const family = base.split('.').slice(0, 2).join('.');
    const sizes = base.endsWith('.micro') ? RDS_T_SIZES : RDS_SIZES;
    for (const [size, factor] of sizes) {
      classes[`${family}.${size}`] = round(price * factor * scale);
    }
  }
  return classes;
}

/**
 * The on-demand prices shipped with CloudOps for the main regions, compiled
 * from AWS's published price lists as of {@link PRICE_TABLE_DATE}. EC2, EBS
 * and load balancers are per region; RDS and Fargate outside the US are the
 * US price scaled by the region's m5.large ratio (AWS prices both within a
 * few percent of that ratio). Configure the AWS Pricing API (AWS module) for
 * exact and current prices.
 *
 * @public
 */
export function shippedRegionPrices(region: string): RegionPrices | undefined {
  const large = LARGE_PRICES[region];
  if (!large) return undefined;
  const instances: Record<string, number> = {};
  for (const spec of INSTANCE_TYPES) {
    const base = large[spec.family];
    if (base !== undefined)
      instances[spec.type] = round(base * spec.priceFactor);
  }
  const [gp3, gp3Iops, gp3Throughput, gp2, io, ioIops, st1, sc1, standard] =
    EBS[region];
  const [application, network, gateway, classic] = LOAD_BALANCERS[region];
  const scale = large.m5 / LARGE_PRICES['us-east-1'].m5;
  return {
    region,
    currency: 'USD',
    asOf: PRICE_TABLE_DATE,
    source: 'shipped-table',
    instances,
    ebs: {
      gp3: {
        gbMonth: gp3,
        iopsMonth: gp3Iops,
        includedIops: 3000,
        throughputMiBpsMonth: gp3Throughput,
        includedThroughputMiBps: 125,
      },
      gp2: { gbMonth: gp2 },
      io1: { gbMonth: io, iopsMonth: ioIops },
      io2: { gbMonth: io, iopsMonth: ioIops },
      st1: { gbMonth: st1 },
      sc1: { gbMonth: sc1 },
      standard: { gbMonth: standard },
    },
    loadBalancers: { application, network, gateway, classic },
    rds: rdsClasses(scale),
    rdsStorageGbMonth: round(0.115 * scale),
    fargate: {
      vcpuHour: round(0.04048 * scale),
      gbHour: round(0.004445 * scale),
    },
  };
}

/**
 * The regions the shipped table covers.
 *
 * @public
 */
export const SHIPPED_PRICE_REGIONS = Object.keys(LARGE_PRICES).sort();
