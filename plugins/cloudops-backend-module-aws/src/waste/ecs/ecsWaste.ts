import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  paginateListClusters,
  paginateListServices,
  Service,
} from '@aws-sdk/client-ecs';
import {
  detectEcsRightsizing,
  EcsServiceUsage,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsClients } from '../../clients/AwsClients';
import {
  RegionObserve,
  RegionScan,
  usageWindow,
  WasteTarget,
} from '../AwsWasteDetector';
import {
  inWindow,
  observation,
  observationWindow,
  overWindow,
  peakShare,
} from '../observation';
import { readUsage, UsageQuery } from '../readUsage';
import { tagRecord } from '../tags';

/** The detector id, as detector health and opportunities show it. */
export const ECS_WASTE_ID = 'aws-ecs';

/** DescribeServices takes at most 10 services. */
const DESCRIBE_BATCH = 10;

type FargateService = Omit<EcsServiceUsage, 'cpu' | 'memory'>;

const onFargate = (s: Service) =>
  s.launchType === 'FARGATE' ||
  (s.capacityProviderStrategy ?? []).some(p =>
    p.capacityProvider?.startsWith('FARGATE'),
  );

/** Fargate services of an account-region with their task size. */
async function listFargateServices(
  clients: AwsClients,
  target: WasteTarget,
  signal?: AbortSignal,
): Promise<FargateService[]> {
  const call = <T>(fn: (client: ECSClient) => Promise<T>) =>
    clients.call(target, ECSClient, fn, signal);
  const clusters = await call(async client => {
    const arns: string[] = [];
    for await (const page of paginateListClusters({ client }, {})) {
      arns.push(...(page.clusterArns ?? []));
    }
    return arns;
  });
  const services = (
    await Promise.all(
      clusters.map(async cluster => {
        const arns = await call(async client => {
          const found: string[] = [];
          for await (const page of paginateListServices(
            { client, pageSize: 100 },
            { cluster },
          )) {
            found.push(...(page.serviceArns ?? []));
          }
          return found;
        });
        const batches: string[][] = [];
        for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
          batches.push(arns.slice(i, i + DESCRIBE_BATCH));
        }
        const described = await Promise.all(
          batches.map(batch =>
            call(client =>
              client.send(
                new DescribeServicesCommand({
                  cluster,
                  services: batch,
                  include: ['TAGS'],
                }),
                { abortSignal: signal },
              ),
            ),
          ),
        );
        return described.flatMap(d => d.services ?? []);
      }),
    )
  ).flat();
  const fargate = services.filter(
    s => s.status === 'ACTIVE' && onFargate(s) && (s.desiredCount ?? 0) > 0,
  );
  const sizes = new Map<string, Promise<{ cpu: number; memory: number }>>();
  const sizeOf = (taskDefinition: string) => {
    let size = sizes.get(taskDefinition);
    if (!size) {
      size = call(client =>
        client.send(new DescribeTaskDefinitionCommand({ taskDefinition }), {
          abortSignal: signal,
        }),
      ).then(({ taskDefinition: t }) => ({
        cpu: Number(t?.cpu),
        memory: Number(t?.memory),
      }));
      sizes.set(taskDefinition, size);
    }
    return size;
  };
  return Promise.all(
    fargate.map(async (s): Promise<FargateService> => {
      const size = await sizeOf(s.taskDefinition!);
      return {
        arn: s.serviceArn!,
        cluster: s.clusterArn!.split('/').pop()!,
        serviceName: s.serviceName!,
        region: target.region,
        account: target.account,
        tags: tagRecord(s.tags),
        taskCpuUnits: size.cpu,
        taskMemoryMiB: size.memory,
        desiredCount: s.desiredCount!,
      };
    }),
  );
}

function serviceQueries(s: FargateService): UsageQuery[] {
  return (['CPUUtilization', 'MemoryUtilization'] as const).map(metric => ({
    resource: s.arn,
    series: metric,
    namespace: 'AWS/ECS',
    metric,
    dimensions: { ClusterName: s.cluster, ServiceName: s.serviceName },
    stat: 'Maximum',
    periodSeconds: 3600,
  }));
}

/**
 * Oversized ECS services on Fargate in an account-region: every active
 * service with running tasks (ListClusters, ListServices, DescribeServices,
 * DescribeTaskDefinition for the task size) and the hourly maxima of its
 * `CPUUtilization` and `MemoryUtilization` over the right-sizing look-back.
 * Services on EC2 capacity are left to the EC2 detector (their instances).
 */
export function ecsScan(clients: AwsClients): RegionScan {
  return async (target, context) => {
    const { signal, thresholds, now } = context;
    const services = await listFargateServices(clients, target, signal);
    const valid = services.filter(
      s => s.taskCpuUnits > 0 && s.taskMemoryMiB > 0,
    );
    if (valid.length === 0) return [];
    const usage = await readUsage({
      clients,
      ...target,
      queries: valid.flatMap(serviceQueries),
      window: usageWindow(now, thresholds.rightsizing.lookbackDays),
      signal,
    });
    const prices = await context.prices(target.region);
    return valid.flatMap(s => {
      const finding = detectEcsRightsizing(
        {
          ...s,
          cpu: usage.of(s.arn, 'CPUUtilization'),
          memory: usage.of(s.arn, 'MemoryUtilization'),
        },
        prices,
        now,
        thresholds.rightsizing,
      );
      return finding ? [finding] : [];
    });
  };
}

/**
 * Oversized Fargate services after their change: in place once the
 * service's task definition has the recommended size; the cost is that
 * size for its running tasks over the window, and the peak the p99 of the
 * hourly CPU or memory maxima, whichever is higher.
 */
export function ecsObserve(clients: AwsClients): RegionObserve {
  return async (target, opportunities, context) => {
    const { signal, now } = context;
    const services = new Map(
      (await listFargateServices(clients, target, signal)).map(s => [s.arn, s]),
    );
    const present = opportunities.filter(o => services.has(o.resource.id));
    const usage = await readUsage({
      clients,
      ...target,
      queries: present.flatMap(o =>
        serviceQueries(services.get(o.resource.id)!),
      ),
      window: observationWindow(opportunities, now),
      signal,
    });
    const prices = await context.prices(target.region);
    return opportunities.flatMap(o => {
      const s = services.get(o.resource.id);
      if (!s) return observation(o, now, { applied: false, actualCost: 0 });
      const applied =
        s.taskCpuUnits === o.recommended.spec.cpu &&
        s.taskMemoryMiB === o.recommended.spec.memory;
      const peaks = ['CPUUtilization', 'MemoryUtilization']
        .map(m => peakShare(inWindow(usage.of(s.arn, m), o, now)))
        .filter((p): p is number => p !== undefined);
      const perTask =
        prices?.fargateMonthly(s.taskCpuUnits / 1024, s.taskMemoryMiB / 1024) ??
        0;
      return observation(o, now, {
        applied,
        actualCost: overWindow(perTask * s.desiredCount, o, now),
        peakUtilization:
          applied && peaks.length ? Math.max(...peaks) : undefined,
      });
    });
  };
}
