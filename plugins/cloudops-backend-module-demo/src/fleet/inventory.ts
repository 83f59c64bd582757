import { podPlacement } from '../estate/placement';
import { DemoAccount, DemoEstate, nameOf } from '../estate/types';

/**
 * The simulated fleet's resources as a cloud inventory would list them
 * (EC2 DescribeInstances, DescribeVolumes, RDS, ELBv2, ECS, Kubernetes).
 * Field names follow the inputs of the savings detection functions of
 * `@cloudops-ai/backstage-plugin-cloudops-node`, without the usage series
 * (see {@link FleetUsage} for those).
 *
 * Besides what the catalog's services run on, it holds the waste a real
 * estate accumulates: an instance nobody uses, volumes left behind by
 * deleted instances, a database and a load balancer with no traffic, and
 * oversized instances, tasks and requests.
 *
 * @public
 */
export interface FleetInventory {
  accounts: DemoAccount[];
  ec2Instances: Ec2Instance[];
  ebsVolumes: EbsVolume[];
  rdsInstances: RdsInstance[];
  loadBalancers: LoadBalancer[];
  ecsServices: EcsService[];
  kubernetes: {
    clusters: Array<{ name: string; account: string; region: string }>;
    nodes: KubernetesNode[];
    workloads: KubernetesWorkload[];
  };
}

/** @public */
export interface Ec2Instance {
  arn: string;
  instanceId: string;
  instanceType: string;
  region: string;
  account: string;
  name: string;
  tags: Record<string, string>;
  state: 'running' | 'stopped';
  launchTime: string;
  /** The catalog entity it belongs to, when one lists it. */
  entityRef?: string;
}

/** @public */
export interface EbsVolume {
  arn: string;
  volumeId: string;
  region: string;
  account: string;
  volumeType: string;
  sizeGiB: number;
  iops?: number;
  /** `available` (unattached) or `in-use`. */
  state: 'available' | 'in-use';
  createTime: string;
  lastDetachedAt?: string;
  attachedTo?: string;
  tags: Record<string, string>;
}

/** @public */
export interface RdsInstance {
  arn: string;
  dbInstanceIdentifier: string;
  instanceClass: string;
  engine: string;
  multiAz: boolean;
  storageGiB: number;
  region: string;
  account: string;
  tags: Record<string, string>;
  entityRef?: string;
}

/** @public */
export interface LoadBalancer {
  arn: string;
  name: string;
  kind: 'application' | 'network';
  region: string;
  account: string;
  createdAt: string;
  tags: Record<string, string>;
  /** The target groups behind it. */
  targetGroupArns: string[];
}

/** @public */
export interface EcsService {
  arn: string;
  cluster: string;
  serviceName: string;
  region: string;
  account: string;
  tags: Record<string, string>;
  taskCpuUnits: number;
  taskMemoryMiB: number;
  desiredCount: number;
  entityRef: string;
}

/** @public */
export interface KubernetesNode {
  cluster: string;
  node: string;
  instanceType: string;
  nodePool: string;
  allocatableCpuCores: number;
  allocatableMemoryBytes: number;
  requestedCpuCores: number;
  requestedMemoryBytes: number;
  /** Pods on it that no DaemonSet owns. */
  workloadPods: number;
}

/** @public */
export interface KubernetesWorkload {
  cluster: string;
  namespace: string;
  workloadKind: 'Deployment';
  workloadName: string;
  container: string;
  replicas: number;
  nodeInstanceType: string;
  cpuRequestCores: number;
  cpuLimitCores: number;
  memoryRequestBytes: number;
  memoryLimitBytes: number;
  hpa?: { minReplicas: number; maxReplicas: number };
  entityRef: string;
}

const DAY_MS = 86_400_000;
const GiB = 2 ** 30;
/** What a DaemonSet pod (node exporter, CNI, log shipper) requests on every node. */
const DAEMONSET_REQUESTS = { cpu: 0.25, memory: 0.5 * GiB };

/** Resources that are only inventory (no catalog entity, no signals): the waste. */
export const UNUSED = {
  idleInstance: {
    arn: 'arn:aws:ec2:us-west-2:333333333333:instance/i-0f9e8d7c6b5a40321',
    instanceId: 'i-0f9e8d7c6b5a40321',
    instanceType: 't3.large',
    name: 'jenkins-legacy',
  },
  idleDatabase: {
    arn: 'arn:aws:rds:us-west-2:333333333333:db:analytics-db-2023',
    identifier: 'analytics-db-2023',
  },
  idleLoadBalancer: {
    arn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/promo-2024/7f3e91b2c4d5a6e8',
    targetGroupArn:
      'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/promo-2024/1a2b3c4d5e6f7a8b',
  },
};

function volume(
  account: string,
  region: string,
  id: string,
  fields: Omit<EbsVolume, 'arn' | 'volumeId' | 'region' | 'account'>,
): EbsVolume {
  return {
    arn: `arn:aws:ec2:${region}:${account}:volume/${id}`,
    volumeId: id,
    region,
    account,
    ...fields,
  };
}

/** The inventory as it is at `now` (simulation time). */
export function fleetInventory(
  estate: DemoEstate,
  now: number,
): FleetInventory {
  const ago = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const { cluster } = estate;
  const regionOf = (account: string) =>
    estate.accounts.find(a => a.id === account)!.region;

  const ec2Instances: Ec2Instance[] = [
    ...cluster.nodes.map(node => ({
      arn: `arn:aws:ec2:${cluster.region}:${cluster.account}:instance/${node.instanceId}`,
      instanceId: node.instanceId,
      instanceType: node.instanceType,
      region: cluster.region,
      account: cluster.account,
      name: node.name,
      tags: {
        'eks:cluster-name': cluster.name,
        'eks:nodegroup-name': node.nodePool,
      },
      state: 'running' as const,
      launchTime: ago(21),
    })),
    ...estate.services.flatMap(s =>
      s.runtime.type === 'ec2'
        ? [
            {
              arn: s.runtime.arn,
              instanceId: s.runtime.instanceId,
              instanceType: s.runtime.instanceType,
              region: s.runtime.arn.split(':')[3],
              account: s.account,
              name: nameOf(s.ref),
              tags: { service: nameOf(s.ref), Name: nameOf(s.ref) },
              state: 'running' as const,
              launchTime: ago(200),
              entityRef: s.ref,
            },
          ]
        : [],
    ),
    {
      ...UNUSED.idleInstance,
      region: 'us-west-2',
      account: '333333333333',
      tags: { Name: 'jenkins-legacy', team: 'data' },
      state: 'running',
      launchTime: ago(400),
    },
  ];

  const ebsVolumes: EbsVolume[] = [
    ...ec2Instances.map((instance, i) =>
      volume(
        instance.account,
        instance.region,
        `vol-0a${String(i).padStart(15, '0')}`,
        {
          volumeType: 'gp3',
          sizeGiB: instance.name === 'jenkins-legacy' ? 200 : 100,
          iops: 3000,
          state: 'in-use',
          createTime: instance.launchTime,
          attachedTo: instance.instanceId,
          tags: { Name: `${instance.name}-root` },
        },
      ),
    ),
    // Left behind: volumes of instances deleted weeks ago.
    volume('333333333333', 'us-west-2', 'vol-0orphan00000000a1', {
      volumeType: 'gp2',
      sizeGiB: 500,
      state: 'available',
      createTime: ago(95),
      lastDetachedAt: ago(41),
      tags: { Name: 'etl-scratch' },
    }),
    volume('111111111111', 'us-east-1', 'vol-0orphan00000000b2', {
      volumeType: 'gp3',
      sizeGiB: 200,
      iops: 3000,
      state: 'available',
      createTime: ago(60),
      lastDetachedAt: ago(19),
      tags: { Name: 'checkout-load-test' },
    }),
    volume('333333333333', 'us-west-2', 'vol-0orphan00000000c3', {
      volumeType: 'io1',
      sizeGiB: 100,
      iops: 3000,
      state: 'available',
      createTime: ago(30),
      lastDetachedAt: ago(9),
      tags: { Name: 'reporting-db-migration' },
    }),
  ];

  const rdsInstances: RdsInstance[] = [
    ...estate.services.flatMap(s =>
      s.runtime.type === 'rds'
        ? [
            {
              arn: s.runtime.arn,
              dbInstanceIdentifier: s.runtime.identifier,
              instanceClass: s.runtime.instanceClass,
              engine: s.runtime.engine,
              multiAz:
                estate.accounts.find(a => a.id === s.account)!.environment ===
                'production',
              storageGiB: s.runtime.storageGiB,
              region: s.runtime.arn.split(':')[3],
              account: s.account,
              tags: { service: nameOf(s.ref) },
              entityRef: s.ref,
            },
          ]
        : [],
    ),
    {
      arn: UNUSED.idleDatabase.arn,
      dbInstanceIdentifier: UNUSED.idleDatabase.identifier,
      instanceClass: 'db.m5.xlarge',
      engine: 'postgres',
      multiAz: false,
      storageGiB: 500,
      region: 'us-west-2',
      account: '333333333333',
      tags: { team: 'data' },
    },
  ];

  const targetGroups = estate.services.flatMap(s =>
    s.targetGroupArn ? [{ service: s, arn: s.targetGroupArn }] : [],
  );
  const loadBalancers: LoadBalancer[] = [
    ...['111111111111', '222222222222'].map(account => {
      const name = account === '111111111111' ? 'shop-web' : 'identity';
      return {
        arn: `arn:aws:elasticloadbalancing:${regionOf(
          account,
        )}:${account}:loadbalancer/app/${name}/50dc6c495c0c${account.slice(
          0,
          4,
        )}`,
        name,
        kind: 'application' as const,
        region: regionOf(account),
        account,
        createdAt: ago(300),
        tags: { system: name === 'shop-web' ? 'shop' : 'identity' },
        targetGroupArns: targetGroups
          .filter(g => g.service.account === account)
          .map(g => g.arn),
      };
    }),
    {
      arn: UNUSED.idleLoadBalancer.arn,
      name: 'promo-2024',
      kind: 'application',
      region: 'us-east-1',
      account: '111111111111',
      createdAt: ago(330),
      tags: { campaign: 'black-friday-2024' },
      targetGroupArns: [UNUSED.idleLoadBalancer.targetGroupArn],
    },
  ];

  const ecsServices: EcsService[] = estate.services.flatMap(s =>
    s.runtime.type === 'ecs'
      ? [
          {
            arn: s.runtime.arn,
            cluster: s.runtime.cluster,
            serviceName: nameOf(s.ref),
            region: s.runtime.arn.split(':')[3],
            account: s.account,
            tags: { service: nameOf(s.ref) },
            taskCpuUnits: s.runtime.taskCpuUnits,
            taskMemoryMiB: s.runtime.taskMemoryMiB,
            desiredCount: s.runtime.desiredCount,
            entityRef: s.ref,
          },
        ]
      : [],
  );

  const workloads: KubernetesWorkload[] = estate.services.flatMap(s =>
    s.runtime.type === 'kubernetes'
      ? [
          {
            cluster: cluster.name,
            namespace: s.runtime.namespace,
            workloadKind: 'Deployment' as const,
            workloadName: nameOf(s.ref),
            container: nameOf(s.ref),
            replicas: s.runtime.pods.length,
            nodeInstanceType: cluster.nodes[0].instanceType,
            cpuRequestCores: s.runtime.cpuRequestCores,
            cpuLimitCores: s.runtime.cpuLimitCores,
            memoryRequestBytes: s.runtime.memoryRequestBytes,
            memoryLimitBytes: s.runtime.memoryLimitBytes,
            hpa: s.runtime.hpa,
            entityRef: s.ref,
          },
        ]
      : [],
  );
  const placement = podPlacement(estate);
  const nodes: KubernetesNode[] = cluster.nodes.map(node => {
    const onNode = workloads.flatMap(w =>
      (placement.get(w.entityRef) ?? [])
        .filter(name => name === node.name)
        .map(() => w),
    );
    return {
      cluster: cluster.name,
      node: node.name,
      instanceType: node.instanceType,
      nodePool: node.nodePool,
      allocatableCpuCores: node.allocatableCpuCores,
      allocatableMemoryBytes: node.allocatableMemoryBytes,
      requestedCpuCores:
        DAEMONSET_REQUESTS.cpu +
        onNode.reduce((sum, w) => sum + w.cpuRequestCores, 0),
      requestedMemoryBytes:
        DAEMONSET_REQUESTS.memory +
        onNode.reduce((sum, w) => sum + w.memoryRequestBytes, 0),
      workloadPods: onNode.length,
    };
  });

  return {
    accounts: estate.accounts,
    ec2Instances,
    ebsVolumes,
    rdsInstances,
    loadBalancers,
    ecsServices,
    kubernetes: {
      clusters: [
        {
          name: cluster.name,
          account: cluster.account,
          region: cluster.region,
        },
      ],
      nodes,
      workloads,
    },
  };
}
