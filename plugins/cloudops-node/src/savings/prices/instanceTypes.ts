/**
 * What an EC2 instance type offers.
 *
 * @public
 */
export interface InstanceTypeSpec {
  type: string;
  family: string;
  vcpu: number;
  memoryGiB: number;
  architecture: 'x86_64' | 'arm64';
  /**
   * Burstable (T) types: the share of each vCPU sustained without spending
   * credits (t3.large: 0.3).
   */
  baselineShare?: number;
}

type SizeRow = [size: string, vcpu: number, priceFactor: number];

/** Sizes of the fixed-performance families: vCPUs, and price relative to `large`. */
const SIZES: SizeRow[] = [
  ['medium', 1, 0.5],
  ['large', 2, 1],
  ['xlarge', 4, 2],
  ['2xlarge', 8, 4],
  ['4xlarge', 16, 8],
  ['8xlarge', 32, 16],
  ['9xlarge', 36, 18],
  ['12xlarge', 48, 24],
  ['16xlarge', 64, 32],
  ['18xlarge', 72, 36],
];

/** Burstable sizes: vCPUs, memory, baseline share, price relative to `large`. */
const BURSTABLE_SIZES: Array<[string, number, number, number, number]> = [
  ['nano', 2, 0.5, 0.05, 1 / 16],
  ['micro', 2, 1, 0.1, 1 / 8],
  ['small', 2, 2, 0.2, 1 / 4],
  ['medium', 2, 4, 0.2, 1 / 2],
  ['large', 2, 8, 0.3, 1],
  ['xlarge', 4, 16, 0.4, 2],
  ['2xlarge', 8, 32, 0.4, 4],
];

interface FamilyRow {
  family: string;
  architecture: 'x86_64' | 'arm64';
  /** GiB of memory per vCPU; absent for burstable families. */
  memoryPerVcpu?: number;
  sizes: string[];
}

/** The families the shipped price table covers. */
export const INSTANCE_FAMILIES: FamilyRow[] = [
  ...['t3', 't3a'].map(family => ({
    family,
    architecture: 'x86_64' as const,
    sizes: BURSTABLE_SIZES.map(s => s[0]),
  })),
  {
    family: 't4g',
    architecture: 'arm64',
    sizes: BURSTABLE_SIZES.map(s => s[0]),
  },
  ...[
    ['m5', 4],
    ['m6i', 4],
    ['m7i', 4],
    ['r5', 8],
    ['r6i', 8],
    ['r7i', 8],
  ].map(([family, memoryPerVcpu]) => ({
    family: family as string,
    architecture: 'x86_64' as const,
    memoryPerVcpu: memoryPerVcpu as number,
    sizes: [
      'large',
      'xlarge',
      '2xlarge',
      '4xlarge',
      '8xlarge',
      '12xlarge',
      '16xlarge',
    ],
  })),
  {
    family: 'c5',
    architecture: 'x86_64',
    memoryPerVcpu: 2,
    sizes: [
      'large',
      'xlarge',
      '2xlarge',
      '4xlarge',
      '9xlarge',
      '12xlarge',
      '18xlarge',
    ],
  },
  ...['c6i', 'c7i'].map(family => ({
    family,
    architecture: 'x86_64' as const,
    memoryPerVcpu: 2,
    sizes: [
      'large',
      'xlarge',
      '2xlarge',
      '4xlarge',
      '8xlarge',
      '12xlarge',
      '16xlarge',
    ],
  })),
  ...[
    ['m6g', 4],
    ['m7g', 4],
    ['c6g', 2],
    ['c7g', 2],
    ['r6g', 8],
    ['r7g', 8],
  ].map(([family, memoryPerVcpu]) => ({
    family: family as string,
    architecture: 'arm64' as const,
    memoryPerVcpu: memoryPerVcpu as number,
    sizes: [
      'medium',
      'large',
      'xlarge',
      '2xlarge',
      '4xlarge',
      '8xlarge',
      '12xlarge',
      '16xlarge',
    ],
  })),
];

/** Every instance type of the covered families, with its price relative to the family's `large`. */
export const INSTANCE_TYPES: Array<InstanceTypeSpec & { priceFactor: number }> =
  INSTANCE_FAMILIES.flatMap(row =>
    row.sizes.map(size => {
      const type = `${row.family}.${size}`;
      if (row.memoryPerVcpu === undefined) {
        const [, vcpu, memoryGiB, baselineShare, priceFactor] =
          BURSTABLE_SIZES.find(s => s[0] === size)!;
        return {
          type,
          family: row.family,
          vcpu,
          memoryGiB,
          architecture: row.architecture,
          baselineShare,
          priceFactor,
        };
      }
      const [, vcpu, priceFactor] = SIZES.find(s => s[0] === size)!;
      return {
        type,
        family: row.family,
        vcpu,
        memoryGiB: vcpu * row.memoryPerVcpu,
        architecture: row.architecture,
        priceFactor,
      };
    }),
  );

const BY_TYPE = new Map(INSTANCE_TYPES.map(spec => [spec.type, spec]));

/**
 * The spec of an instance type the table covers.
 *
 * @public
 */
export function instanceTypeSpec(type: string): InstanceTypeSpec | undefined {
  const spec = BY_TYPE.get(type);
  if (!spec) return undefined;
  const { priceFactor: _factor, ...rest } = spec;
  return rest;
}
