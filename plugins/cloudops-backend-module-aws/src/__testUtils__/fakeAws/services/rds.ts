import { invalid } from '../AwsFault';
import { awsQueryService } from '../protocols/awsQuery';
import { xmlList } from '../protocols/xml';

/** An RDS DB instance (the fields CloudOps reads). */
export interface FakeDbInstance {
  identifier: string;
  instanceClass: string;
  engine: string;
  status?: string;
  multiAz?: boolean;
  allocatedStorage: number;
  createTime: Date;
  tags?: Record<string, string>;
  /** The instance it is a read replica of. */
  readReplicaSource?: string;
  /** The Aurora cluster it is a member of. */
  cluster?: string;
}

/**
 * Amazon RDS (query protocol, lists named by their members: `<DBInstance>`,
 * `<Tag>`): DescribeDBInstances, paged with MaxRecords (20 to 100) and
 * Marker, over instances seeded per account and region.
 */
export class FakeRds {
  private readonly instances = new Map<string, FakeDbInstance[]>();

  addDbInstance(account: string, region: string, db: FakeDbInstance) {
    const key = `${account}|${region}`;
    this.instances.set(key, [...(this.instances.get(key) ?? []), db]);
  }

  readonly service = awsQueryService({
    signingName: 'rds',
    iamPrefix: 'rds',
    xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/',
    codes: { throttling: 'Throttling' },
    operations: {
      DescribeDBInstances: (input, context) => {
        const max = input.MaxRecords ? Number(input.MaxRecords) : 100;
        if (max < 20 || max > 100) {
          throw invalid(
            'InvalidParameterValue',
            'Invalid value for MaxRecords. Must be between 20 and 100',
          );
        }
        const all = (
          this.instances.get(`${context.accountId}|${context.region}`) ?? []
        ).filter(
          db =>
            !input.DBInstanceIdentifier ||
            db.identifier === input.DBInstanceIdentifier,
        );
        if (input.DBInstanceIdentifier && all.length === 0) {
          throw invalid(
            'DBInstanceNotFound',
            `DBInstance ${input.DBInstanceIdentifier} not found.`,
          );
        }
        const offset = input.Marker ? Number(input.Marker) : 0;
        const items = all.slice(offset, offset + max);
        return {
          DBInstances: xmlList(
            'DBInstance',
            items.map(db => ({
              DBInstanceIdentifier: db.identifier,
              DBInstanceArn: `arn:aws:rds:${context.region}:${context.accountId}:db:${db.identifier}`,
              DBInstanceClass: db.instanceClass,
              Engine: db.engine,
              DBInstanceStatus: db.status ?? 'available',
              MultiAZ: db.multiAz ?? false,
              AllocatedStorage: db.allocatedStorage,
              InstanceCreateTime: db.createTime,
              ReadReplicaSourceDBInstanceIdentifier: db.readReplicaSource,
              DBClusterIdentifier: db.cluster,
              TagList: xmlList(
                'Tag',
                Object.entries(db.tags ?? {}).map(([Key, Value]) => ({
                  Key,
                  Value,
                })),
              ),
            })),
          ),
          Marker: offset + max < all.length ? String(offset + max) : undefined,
        };
      },
    },
  });
}
