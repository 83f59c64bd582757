import { invalid, required } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';
import { CallContext } from '../types';

/** An ECS service and its task definition's size (the fields CloudOps reads). */
export interface FakeEcsService {
  cluster: string;
  name: string;
  launchType?: 'FARGATE' | 'EC2';
  desiredCount: number;
  /** Task CPU units (1024 = 1 vCPU) and memory in MiB, as strings on the wire. */
  taskCpu: number;
  taskMemory: number;
  tags?: Record<string, string>;
}

function page<T>(all: T[], input: any, max: number) {
  const size = input.maxResults ?? max;
  if (size < 1 || size > max) {
    throw invalid(
      'InvalidParameterException',
      `maxResults must be between 1 and ${max}`,
    );
  }
  const offset = input.nextToken ? Number(input.nextToken) : 0;
  return {
    items: all.slice(offset, offset + size),
    nextToken: offset + size < all.length ? String(offset + size) : undefined,
  };
}

/**
 * Amazon ECS (JSON 1.1): ListClusters, ListServices, DescribeServices (at
 * most 10 per call, with tags) and DescribeTaskDefinition, over services
 * seeded per account and region.
 */
export class FakeEcs {
  private readonly services = new Map<string, FakeEcsService[]>();

  addService(account: string, region: string, service: FakeEcsService) {
    const key = `${account}|${region}`;
    this.services.set(key, [...(this.services.get(key) ?? []), service]);
  }

  private of(context: CallContext) {
    return this.services.get(`${context.accountId}|${context.region}`) ?? [];
  }

  private clusterArn(context: CallContext, name: string) {
    return `arn:aws:ecs:${context.region}:${context.accountId}:cluster/${name}`;
  }

  private clusterName(context: CallContext, ref: string | undefined) {
    const name = (ref ?? 'default').split('/').pop()!;
    if (!this.of(context).some(s => s.cluster === name)) {
      throw invalid('ClusterNotFoundException', 'Cluster not found.');
    }
    return name;
  }

  private serviceArn(context: CallContext, s: FakeEcsService) {
    return `arn:aws:ecs:${context.region}:${context.accountId}:service/${s.cluster}/${s.name}`;
  }

  private taskDefinitionArn(context: CallContext, s: FakeEcsService) {
    return `arn:aws:ecs:${context.region}:${context.accountId}:task-definition/${s.cluster}-${s.name}:1`;
  }

  readonly service = awsJsonService({
    signingName: 'ecs',
    iamPrefix: 'ecs',
    targetPrefix: 'AmazonEC2ContainerServiceV20141113',
    version: '1.1',
    errorNamespace: 'com.amazonaws.ecs',
    operations: {
      ListClusters: (input, context) => {
        const names = [...new Set(this.of(context).map(s => s.cluster))];
        const { items, nextToken } = page(names, input, 100);
        return {
          clusterArns: items.map(n => this.clusterArn(context, n)),
          nextToken,
        };
      },
      ListServices: (input, context) => {
        const cluster = this.clusterName(context, input.cluster);
        const { items, nextToken } = page(
          this.of(context).filter(s => s.cluster === cluster),
          input,
          100,
        );
        return {
          serviceArns: items.map(s => this.serviceArn(context, s)),
          nextToken,
        };
      },
      DescribeServices: (input, context) => {
        const cluster = this.clusterName(context, input.cluster);
        const refs: string[] = required(input.services, 'services');
        if (refs.length > 10) {
          throw invalid(
            'InvalidParameterException',
            'services can have at most 10 items.',
          );
        }
        const withTags = (input.include ?? []).includes('TAGS');
        const found = refs.map(ref =>
          this.of(context).find(
            s =>
              s.cluster === cluster &&
              (s.name === ref || this.serviceArn(context, s) === ref),
          ),
        );
        return {
          services: found
            .filter((s): s is FakeEcsService => Boolean(s))
            .map(s => ({
              serviceArn: this.serviceArn(context, s),
              serviceName: s.name,
              clusterArn: this.clusterArn(context, s.cluster),
              status: 'ACTIVE',
              launchType: s.launchType ?? 'FARGATE',
              desiredCount: s.desiredCount,
              runningCount: s.desiredCount,
              taskDefinition: this.taskDefinitionArn(context, s),
              tags: withTags
                ? Object.entries(s.tags ?? {}).map(([key, value]) => ({
                    key,
                    value,
                  }))
                : undefined,
            })),
          failures: refs
            .filter((_, i) => !found[i])
            .map(arn => ({ arn, reason: 'MISSING' })),
        };
      },
      DescribeTaskDefinition: (input, context) => {
        const ref = required(input.taskDefinition, 'taskDefinition');
        const s = this.of(context).find(
          x => this.taskDefinitionArn(context, x) === ref,
        );
        if (!s) {
          throw invalid(
            'ClientException',
            'Unable to describe task definition.',
          );
        }
        return {
          taskDefinition: {
            taskDefinitionArn: ref,
            family: `${s.cluster}-${s.name}`,
            revision: 1,
            cpu: String(s.taskCpu),
            memory: String(s.taskMemory),
            requiresCompatibilities: [s.launchType ?? 'FARGATE'],
          },
        };
      },
    },
  });
}
