import { invalid } from '../AwsFault';
import { awsQueryService } from '../protocols/awsQuery';
import { CallContext } from '../types';

/** An EBS volume, with EC2's wire names (lower camel case). */
export interface FakeVolume {
  volumeId: string;
  size: number;
  volumeType: string;
  iops?: number;
  throughput?: number;
  /** EC2 calls a volume's state `status` on the wire. */
  status:
    | 'creating'
    | 'available'
    | 'in-use'
    | 'deleting'
    | 'deleted'
    | 'error';
  availabilityZone: string;
  createTime: Date;
  attachmentSet?: Array<{ instanceId: string; device: string; state: string }>;
  tagSet?: Array<{ key: string; value: string }>;
}

/** An EC2 instance, with EC2's wire names. */
export interface FakeInstance {
  instanceId: string;
  instanceType: string;
  instanceState: { code: number; name: string };
  launchTime: Date;
  placement?: { availabilityZone: string };
  tagSet?: Array<{ key: string; value: string }>;
}

type Filter = { Name: string; Value: string[] };

/** EC2's filter semantics: every filter holds, any of its values matches. */
function filtered<T>(
  items: T[],
  filters: Filter[],
  field: (item: T, name: string) => string[],
) {
  return items.filter(item =>
    filters.every(f => {
      const values = field(item, f.Name);
      return f.Value.some(v => values.includes(v));
    }),
  );
}

function tagValues(
  tags: Array<{ key: string; value: string }> | undefined,
  name: string,
) {
  const key = name.slice('tag:'.length);
  return (tags ?? []).filter(t => t.key === key).map(t => t.value);
}

function page<T>(all: T[], input: any) {
  const max = input.MaxResults ? Number(input.MaxResults) : 1000;
  if (max < 5 || max > 1000) {
    throw invalid(
      'InvalidParameterValue',
      'MaxResults must be between 5 and 1000',
    );
  }
  const offset = input.NextToken ? Number(input.NextToken) : 0;
  return {
    items: all.slice(offset, offset + max),
    nextToken: offset + max < all.length ? String(offset + max) : undefined,
  };
}

/**
 * Amazon EC2 (EC2 query protocol): DescribeVolumes and DescribeInstances
 * with filters and paging, over inventories seeded per account and region.
 */
export class FakeEc2 {
  private readonly volumes = new Map<string, FakeVolume[]>();
  private readonly instances = new Map<string, FakeInstance[]>();

  addVolume(account: string, region: string, volume: FakeVolume) {
    const key = `${account}|${region}`;
    this.volumes.set(key, [...(this.volumes.get(key) ?? []), volume]);
  }

  addInstance(account: string, region: string, instance: FakeInstance) {
    const key = `${account}|${region}`;
    this.instances.set(key, [...(this.instances.get(key) ?? []), instance]);
  }

  private of<T>(map: Map<string, T[]>, context: CallContext) {
    return map.get(`${context.accountId}|${context.region}`) ?? [];
  }

  readonly service = awsQueryService({
    signingName: 'ec2',
    iamPrefix: 'ec2',
    xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
    flavour: 'ec2',
    codes: {
      invalidToken: 'AuthFailure',
      expired: 'RequestExpired',
      accessDenied: 'UnauthorizedOperation',
      throttling: 'RequestLimitExceeded',
    },
    operations: {
      DescribeVolumes: (input, context) => {
        const ids: string[] = input.VolumeId ?? [];
        const all = filtered(
          this.of(this.volumes, context).filter(
            v => ids.length === 0 || ids.includes(v.volumeId),
          ),
          input.Filter ?? [],
          (v, name) =>
            name.startsWith('tag:')
              ? tagValues(v.tagSet, name)
              : (
                  {
                    status: [v.status],
                    'volume-type': [v.volumeType],
                  } as Record<string, string[]>
                )[name] ?? [],
        );
        const { items, nextToken } = page(all, input);
        return { volumeSet: items, nextToken };
      },
      DescribeInstances: (input, context) => {
        const all = filtered(
          this.of(this.instances, context),
          input.Filter ?? [],
          (i, name) => {
            if (name.startsWith('tag:')) return tagValues(i.tagSet, name);
            return name === 'instance-state-name' ? [i.instanceState.name] : [];
          },
        );
        const { items, nextToken } = page(all, input);
        return {
          reservationSet: items.map(instance => ({
            reservationId: `r-${instance.instanceId.slice(2)}`,
            ownerId: context.accountId,
            instancesSet: [instance],
          })),
          nextToken,
        };
      },
    },
  });
}
