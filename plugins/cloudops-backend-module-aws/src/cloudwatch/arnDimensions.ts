/** What a resource ARN says: where it is and its CloudWatch dimensions. */
export interface ArnResource {
  arn: string;
  account: string;
  region: string;
  namespace: string;
  dimensions: Record<string, string>;
}

/**
 * A kind of resource: the resource part of its ARN, with `{Dimension}`
 * where a dimension's value sits, and the CloudWatch namespace of its
 * metrics.
 */
interface ResourceKind {
  service: string;
  format: string;
  namespace: string;
  /** Patterns of dimension values other than `[^/:]+`. */
  patterns?: Record<string, string>;
}

/**
 * How the resource ARNs of catalog entities (`cloudops.ai/aws-resource-arns`)
 * and CloudWatch dimensions map onto each other. A rule whose query leaves
 * out the namespace's resource dimension reads the metric for each such
 * resource; an alarm on a metric with those dimensions is about that ARN.
 */
const KINDS: ResourceKind[] = [
  { service: 'ec2', format: 'instance/{InstanceId}', namespace: 'AWS/EC2' },
  { service: 'ec2', format: 'volume/{VolumeId}', namespace: 'AWS/EBS' },
  {
    service: 'ec2',
    format: 'natgateway/{NatGatewayId}',
    namespace: 'AWS/NATGateway',
  },
  {
    service: 'elasticloadbalancing',
    format: 'loadbalancer/{LoadBalancer}',
    namespace: 'AWS/ApplicationELB',
    patterns: { LoadBalancer: 'app/[^/]+/[^/]+' },
  },
  {
    service: 'elasticloadbalancing',
    format: 'loadbalancer/{LoadBalancer}',
    namespace: 'AWS/NetworkELB',
    patterns: { LoadBalancer: 'net/[^/]+/[^/]+' },
  },
  {
    service: 'elasticloadbalancing',
    format: 'loadbalancer/{LoadBalancerName}',
    namespace: 'AWS/ELB',
  },
  { service: 'rds', format: 'db:{DBInstanceIdentifier}', namespace: 'AWS/RDS' },
  {
    service: 'rds',
    format: 'cluster:{DBClusterIdentifier}',
    namespace: 'AWS/RDS',
  },
  {
    service: 'lambda',
    format: 'function:{FunctionName}',
    namespace: 'AWS/Lambda',
  },
  { service: 'sqs', format: '{QueueName}', namespace: 'AWS/SQS' },
  { service: 'sns', format: '{TopicName}', namespace: 'AWS/SNS' },
  {
    service: 'dynamodb',
    format: 'table/{TableName}',
    namespace: 'AWS/DynamoDB',
  },
  {
    service: 'ecs',
    format: 'service/{ClusterName}/{ServiceName}',
    namespace: 'AWS/ECS',
  },
  { service: 'ecs', format: 'cluster/{ClusterName}', namespace: 'AWS/ECS' },
  {
    service: 'elasticache',
    format: 'cluster:{CacheClusterId}',
    namespace: 'AWS/ElastiCache',
  },
  {
    service: 'kinesis',
    format: 'stream/{StreamName}',
    namespace: 'AWS/Kinesis',
  },
];

const PLACEHOLDER = /\{(\w+)\}/g;

const compiled = KINDS.map(kind => {
  const names = [...kind.format.matchAll(PLACEHOLDER)].map(m => m[1]);
  const pattern = kind.format
    .split(PLACEHOLDER)
    .map((part, i) =>
      i % 2 === 1
        ? `(${kind.patterns?.[part] ?? '[^/:]+'})`
        : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return { ...kind, names, regex: new RegExp(`^${pattern}$`) };
});

/**
 * The dimensions that identify a resource in a namespace; empty for
 * namespaces the catalog cannot expand (custom metrics).
 */
export function resourceDimensionNames(namespace: string): Set<string> {
  return new Set(
    compiled.filter(k => k.namespace === namespace).flatMap(k => k.names),
  );
}

/** Reads an ARN (`arn:partition:service:region:account:resource`). */
export function parseResourceArn(arn: string): ArnResource | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, , service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  for (const kind of compiled) {
    const match = kind.service === service ? kind.regex.exec(resource) : null;
    if (match) {
      return {
        arn,
        account,
        region,
        namespace: kind.namespace,
        dimensions: Object.fromEntries(
          kind.names.map((n, i) => [n, match[i + 1]]),
        ),
      };
    }
  }
  return undefined;
}

/**
 * The ARN of the resource a metric's dimensions name (the most specific
 * kind whose dimensions are all given), or undefined.
 */
export function resourceArnOf(options: {
  namespace?: string;
  dimensions: Record<string, string>;
  account: string;
  region: string;
  partition?: string;
}): string | undefined {
  const kind = compiled
    .filter(
      k =>
        k.namespace === options.namespace &&
        k.names.every(n => options.dimensions[n] !== undefined) &&
        k.regex.test(
          k.format.replace(PLACEHOLDER, (_m, n) => options.dimensions[n]),
        ),
    )
    .sort((a, b) => b.names.length - a.names.length)[0];
  if (!kind) return undefined;
  const resource = kind.format.replace(
    PLACEHOLDER,
    (_m, n) => options.dimensions[n],
  );
  return `arn:${options.partition ?? 'aws'}:${kind.service}:${options.region}:${
    options.account
  }:${resource}`;
}
