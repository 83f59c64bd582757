import { invalid, required } from '../AwsFault';
import { awsQueryService, members } from '../protocols/awsQuery';
import { CallContext } from '../types';

/** A load balancer as DescribeLoadBalancers returns it (the fields CloudOps reads). */
export interface FakeLoadBalancer {
  name: string;
  type: 'application' | 'network' | 'gateway';
  createdTime: Date;
  /** The id at the end of its ARN; derived from the name when absent. */
  id?: string;
  tags?: Record<string, string>;
  /** Its target groups, each with its targets' health states. */
  targetGroups?: Array<{
    name: string;
    targets: Array<{ id: string; state: 'healthy' | 'unhealthy' | 'unused' }>;
  }>;
}

interface Stored extends FakeLoadBalancer {
  arn: string;
}

/** Pages with Marker / NextMarker, as ELBv2 does. */
function page<T>(all: T[], input: any, max = 400) {
  const size = input.PageSize ? Number(input.PageSize) : max;
  if (size < 1 || size > max) {
    throw invalid(
      'ValidationError',
      `1 validation error detected: Value '${size}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    );
  }
  const offset = input.Marker ? Number(input.Marker) : 0;
  return {
    items: all.slice(offset, offset + size),
    marker: offset + size < all.length ? String(offset + size) : undefined,
  };
}

const hex = (text: string) =>
  Buffer.from(text).toString('hex').padEnd(16, '0').slice(0, 16);

/**
 * Elastic Load Balancing v2 (query protocol, `member` lists):
 * DescribeLoadBalancers (paged with Marker), DescribeTags (up to 20 ARNs),
 * DescribeTargetGroups (of a load balancer, or all) and DescribeTargetHealth, over load
 * balancers seeded per account and region.
 */
export class FakeElbv2 {
  private readonly balancers = new Map<string, Stored[]>();

  addLoadBalancer(account: string, region: string, lb: FakeLoadBalancer) {
    const key = `${account}|${region}`;
    const kind = { application: 'app', network: 'net', gateway: 'gwy' }[
      lb.type
    ];
    const arn = `arn:aws:elasticloadbalancing:${region}:${account}:loadbalancer/${kind}/${
      lb.name
    }/${lb.id ?? hex(lb.name)}`;
    this.balancers.set(key, [
      ...(this.balancers.get(key) ?? []),
      { ...lb, arn },
    ]);
    return arn;
  }

  /** Deletes a load balancer (DeleteLoadBalancer, as a test does it). */
  removeLoadBalancer(arn: string) {
    for (const [key, list] of this.balancers) {
      this.balancers.set(
        key,
        list.filter(b => b.arn !== arn),
      );
    }
  }

  private of(context: CallContext) {
    return this.balancers.get(`${context.accountId}|${context.region}`) ?? [];
  }

  private targetGroupArn(lb: Stored, name: string) {
    const [, , , region, account] = lb.arn.split(':');
    return `arn:aws:elasticloadbalancing:${region}:${account}:targetgroup/${name}/${hex(
      `${lb.name}/${name}`,
    )}`;
  }

  private byArn(context: CallContext, arn: string) {
    const lb = this.of(context).find(b => b.arn === arn);
    if (!lb) {
      throw invalid(
        'LoadBalancerNotFound',
        `Load balancers '[${arn}]' not found`,
      );
    }
    return lb;
  }

  readonly service = awsQueryService({
    signingName: 'elasticloadbalancing',
    iamPrefix: 'elasticloadbalancing',
    xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    codes: { throttling: 'Throttling' },
    operations: {
      DescribeLoadBalancers: (input, context) => {
        const arns = members<string>(input.LoadBalancerArns);
        const all = this.of(context).filter(
          lb => arns.length === 0 || arns.includes(lb.arn),
        );
        const { items, marker } = page(all, input);
        return {
          LoadBalancers: items.map(lb => ({
            LoadBalancerArn: lb.arn,
            LoadBalancerName: lb.name,
            Type: lb.type,
            Scheme: 'internet-facing',
            State: { Code: 'active' },
            CreatedTime: lb.createdTime,
            DNSName: `${lb.name}.${context.region}.elb.amazonaws.com`,
          })),
          NextMarker: marker,
        };
      },
      DescribeTags: (input, context) => {
        const arns = members<string>(input.ResourceArns);
        if (arns.length < 1 || arns.length > 20) {
          throw invalid(
            'ValidationError',
            `ResourceArns must hold 1 to 20 ARNs (got ${arns.length})`,
          );
        }
        return {
          TagDescriptions: arns.map(arn => ({
            ResourceArn: arn,
            Tags: Object.entries(this.byArn(context, arn).tags ?? {}).map(
              ([Key, Value]) => ({ Key, Value }),
            ),
          })),
        };
      },
      DescribeTargetGroups: (input, context) => {
        const balancers = input.LoadBalancerArn
          ? [this.byArn(context, input.LoadBalancerArn)]
          : this.of(context);
        const groups = balancers.flatMap(lb =>
          (lb.targetGroups ?? []).map(tg => ({ lb, tg })),
        );
        const { items, marker } = page(groups, input);
        return {
          TargetGroups: items.map(({ lb, tg }) => ({
            TargetGroupArn: this.targetGroupArn(lb, tg.name),
            TargetGroupName: tg.name,
            LoadBalancerArns: [lb.arn],
          })),
          NextMarker: marker,
        };
      },
      DescribeTargetHealth: (input, context) => {
        const arn = required(input.TargetGroupArn, 'TargetGroupArn');
        for (const lb of this.of(context)) {
          const tg = lb.targetGroups?.find(
            g => this.targetGroupArn(lb, g.name) === arn,
          );
          if (tg) {
            return {
              TargetHealthDescriptions: tg.targets.map(t => ({
                Target: { Id: t.id },
                TargetHealth: { State: t.state },
              })),
            };
          }
        }
        throw invalid(
          'TargetGroupNotFound',
          `Target groups '[${arn}]' not found`,
        );
      },
    },
  });
}
