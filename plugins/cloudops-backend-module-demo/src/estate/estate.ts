import { DemoEstate, DemoRuntime, DemoService } from './types';

/**
 * Acme's estate as `examples/catalog/` describes it: the shop on the `prod`
 * EKS cluster and RDS in the shop's production account, identity on ECS in
 * its own production account, analytics in a staging account. The test
 * `estate.test.ts` holds it to the catalog files.
 */

const SHOP = '111111111111';
const IDENTITY = '222222222222';
const ANALYTICS = '333333333333';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

const POD_SUFFIXES = ['x2x4q', 'b7mzp', 'k9d2w', 'r4tnc'];

/** A Deployment's pods: `<name>-<replicaset hash>-<suffix>`. */
function kubernetes(
  name: string,
  replicaSet: string,
  replicas: number,
  resources: {
    cpu: [request: number, limit: number];
    memoryMiB: [request: number, limit: number];
    hpa?: { minReplicas: number; maxReplicas: number };
  },
): DemoRuntime {
  return {
    type: 'kubernetes',
    namespace: 'shop',
    pods: POD_SUFFIXES.slice(0, replicas).map(
      suffix => `${name}-${replicaSet}-${suffix}`,
    ),
    cpuRequestCores: resources.cpu[0],
    cpuLimitCores: resources.cpu[1],
    memoryRequestBytes: resources.memoryMiB[0] * MiB,
    memoryLimitBytes: resources.memoryMiB[1] * MiB,
    hpa: resources.hpa,
  };
}

function rds(
  account: string,
  region: string,
  identifier: string,
  instanceClass: string,
  storageGiB: number,
): DemoRuntime {
  return {
    type: 'rds',
    arn: `arn:aws:rds:${region}:${account}:db:${identifier}`,
    identifier,
    instanceClass,
    engine: 'postgres',
    storageGiB,
  };
}

function ecs(
  account: string,
  region: string,
  cluster: string,
  service: string,
  task: { cpuUnits: number; memoryMiB: number; count: number },
): DemoRuntime {
  return {
    type: 'ecs',
    cluster,
    arn: `arn:aws:ecs:${region}:${account}:service/${cluster}/${service}`,
    taskCpuUnits: task.cpuUnits,
    taskMemoryMiB: task.memoryMiB,
    desiredCount: task.count,
  };
}

function elasticache(
  account: string,
  identifier: string,
  nodeType: string,
): DemoRuntime {
  return {
    type: 'elasticache',
    arn: `arn:aws:elasticache:us-east-1:${account}:replicationgroup:${identifier}`,
    identifier,
    nodeType,
  };
}

const component = (name: string) => `component:default/${name}`;
const resource = (name: string) => `resource:default/${name}`;

const services: DemoService[] = [
  // The shop (111111111111, production): Kubernetes workloads on `prod`.
  {
    ref: component('web-storefront'),
    account: SHOP,
    runtime: kubernetes('web-storefront', '6b8f9d7c4', 3, {
      cpu: [0.5, 1],
      memoryMiB: [512, 1024],
      hpa: { minReplicas: 3, maxReplicas: 10 },
    }),
    profile: {
      rps: 220,
      latency: 0.35,
      errorRatio: 0.002,
      cpu: [18, 55],
      memory: 52,
    },
    targetGroupArn:
      'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/shop-web/50dc6c495c0c9188',
    deploys: true,
  },
  {
    ref: component('checkout-service'),
    account: SHOP,
    runtime: kubernetes('checkout-service', '7d9f8c6b5', 2, {
      cpu: [0.5, 1],
      memoryMiB: [512, 1024],
      hpa: { minReplicas: 2, maxReplicas: 8 },
    }),
    profile: {
      rps: 45,
      latency: 0.42,
      errorRatio: 0.003,
      cpu: [12, 40],
      memory: 48,
    },
    deploys: true,
  },
  {
    ref: component('cart-service'),
    account: SHOP,
    runtime: kubernetes('cart-service', '5c4d8b9f7', 2, {
      cpu: [0.25, 0.5],
      memoryMiB: [256, 512],
      hpa: { minReplicas: 2, maxReplicas: 6 },
    }),
    profile: {
      rps: 60,
      latency: 0.08,
      errorRatio: 0.001,
      cpu: [10, 35],
      memory: 40,
    },
    deploys: true,
  },
  {
    ref: component('payments-service'),
    account: SHOP,
    runtime: kubernetes('payments-service', '84f6c9d5b', 2, {
      cpu: [0.5, 1],
      memoryMiB: [512, 1024],
      hpa: { minReplicas: 2, maxReplicas: 6 },
    }),
    profile: {
      rps: 25,
      latency: 0.6,
      errorRatio: 0.004,
      cpu: [8, 30],
      memory: 45,
    },
    deploys: true,
  },
  {
    ref: component('orders-service'),
    account: SHOP,
    runtime: kubernetes('orders-service', '6f7b5d8c9', 2, {
      cpu: [0.5, 1],
      memoryMiB: [768, 1536],
      hpa: { minReplicas: 2, maxReplicas: 6 },
    }),
    profile: {
      rps: 30,
      latency: 0.25,
      errorRatio: 0.002,
      cpu: [10, 38],
      memory: 50,
    },
    deploys: true,
  },
  {
    ref: component('inventory-service'),
    account: SHOP,
    runtime: kubernetes('inventory-service', '9a4c7e2d1', 2, {
      cpu: [0.25, 0.5],
      memoryMiB: [256, 512],
      hpa: { minReplicas: 2, maxReplicas: 6 },
    }),
    profile: {
      rps: 40,
      latency: 0.06,
      errorRatio: 0.001,
      cpu: [8, 28],
      memory: 38,
    },
    deploys: true,
  },
  {
    // Four fixed replicas and no HPA: more than it needs most of the day.
    ref: component('shipping-service'),
    account: SHOP,
    runtime: kubernetes('shipping-service', '3e8d6f4a2', 4, {
      cpu: [0.5, 1],
      memoryMiB: [512, 1024],
    }),
    profile: {
      rps: 12,
      latency: 0.3,
      errorRatio: 0.002,
      cpu: [5, 20],
      memory: 35,
    },
    deploys: true,
  },
  {
    // Requests two cores and uses a fraction of one: oversized.
    ref: component('product-catalog'),
    account: SHOP,
    runtime: kubernetes('product-catalog', '58d9c6f7b', 3, {
      cpu: [2, 2],
      memoryMiB: [2048, 2048],
      hpa: { minReplicas: 3, maxReplicas: 9 },
    }),
    profile: {
      rps: 180,
      latency: 0.12,
      errorRatio: 0.001,
      cpu: [4, 14],
      memory: 30,
    },
    deploys: true,
  },
  {
    ref: component('notification-worker'),
    account: SHOP,
    runtime: ecs(SHOP, 'us-east-1', 'shop', 'notification-worker', {
      cpuUnits: 512,
      memoryMiB: 1024,
      count: 2,
    }),
    profile: {
      rps: 8,
      latency: 1.2,
      errorRatio: 0.002,
      cpu: [6, 22],
      memory: 40,
    },
    deploys: true,
  },
  {
    ref: resource('orders-db'),
    account: SHOP,
    runtime: rds(SHOP, 'us-east-1', 'orders-db', 'db.r6g.large', 500),
    profile: {
      rps: 300,
      latency: 0.003,
      errorRatio: 0,
      cpu: [10, 35],
      memory: 0,
      connections: 60,
    },
  },
  {
    ref: resource('payments-db'),
    account: SHOP,
    runtime: rds(SHOP, 'us-east-1', 'payments-db', 'db.r6g.large', 200),
    profile: {
      rps: 120,
      latency: 0.002,
      errorRatio: 0,
      cpu: [8, 28],
      memory: 0,
      connections: 40,
    },
  },
  {
    ref: resource('inventory-db'),
    account: SHOP,
    runtime: rds(SHOP, 'us-east-1', 'inventory-db', 'db.r6g.xlarge', 300),
    profile: {
      rps: 500,
      latency: 0.0015,
      errorRatio: 0,
      cpu: [12, 40],
      memory: 0,
      connections: 80,
    },
  },
  {
    ref: resource('redis-cart'),
    account: SHOP,
    runtime: elasticache(SHOP, 'redis-cart', 'cache.r6g.large'),
    profile: {
      rps: 900,
      latency: 0.0008,
      errorRatio: 0,
      cpu: [5, 18],
      memory: 55,
      connections: 120,
    },
  },
  {
    ref: resource('orders-events'),
    account: SHOP,
    runtime: {
      type: 'sqs',
      arn: 'arn:aws:sqs:us-east-1:111111111111:orders-events',
      queueName: 'orders-events',
    },
    profile: { rps: 6, latency: 2, errorRatio: 0, cpu: [0, 0], memory: 0 },
  },
  {
    ref: resource('eks-prod'),
    account: SHOP,
    runtime: { type: 'cluster' },
    profile: { rps: 0, latency: 0, errorRatio: 0, cpu: [20, 55], memory: 60 },
  },

  // Identity (222222222222, production): ECS behind the identity ALB.
  {
    ref: component('auth-service'),
    account: IDENTITY,
    runtime: ecs(IDENTITY, 'us-east-1', 'identity', 'auth-service', {
      cpuUnits: 512,
      memoryMiB: 1024,
      count: 3,
    }),
    profile: {
      rps: 140,
      latency: 0.09,
      errorRatio: 0.001,
      cpu: [10, 35],
      memory: 45,
    },
    targetGroupArn:
      'arn:aws:elasticloadbalancing:us-east-1:222222222222:targetgroup/auth-service/6d0ecf831eec9f09',
    deploys: true,
  },
  {
    // Two vCPUs and 4 GiB per task for a service that needs a tenth of it.
    ref: component('user-profile-service'),
    account: IDENTITY,
    runtime: ecs(IDENTITY, 'us-east-1', 'identity', 'user-profile-service', {
      cpuUnits: 2048,
      memoryMiB: 4096,
      count: 2,
    }),
    profile: {
      rps: 35,
      latency: 0.15,
      errorRatio: 0.001,
      cpu: [3, 9],
      memory: 18,
    },
    targetGroupArn:
      'arn:aws:elasticloadbalancing:us-east-1:222222222222:targetgroup/user-profile/9b3c2a7e4f1d8e06',
    deploys: true,
  },
  {
    ref: resource('users-db'),
    account: IDENTITY,
    runtime: rds(IDENTITY, 'us-east-1', 'users-db', 'db.r6g.large', 100),
    profile: {
      rps: 200,
      latency: 0.0018,
      errorRatio: 0,
      cpu: [9, 30],
      memory: 0,
      connections: 50,
    },
  },
  {
    ref: resource('sessions-cache'),
    account: IDENTITY,
    runtime: elasticache(IDENTITY, 'sessions-cache', 'cache.r6g.large'),
    profile: {
      rps: 600,
      latency: 0.0006,
      errorRatio: 0,
      cpu: [4, 15],
      memory: 40,
      connections: 90,
    },
  },

  // Analytics (333333333333, staging).
  {
    // An m5.4xlarge for a nightly report that uses a few percent of it.
    ref: component('reporting-service'),
    account: ANALYTICS,
    runtime: {
      type: 'ec2',
      instanceId: 'i-0a1b2c3d4e5f60718',
      arn: 'arn:aws:ec2:us-west-2:333333333333:instance/i-0a1b2c3d4e5f60718',
      instanceType: 'm5.4xlarge',
    },
    profile: {
      rps: 2,
      latency: 4,
      errorRatio: 0.002,
      cpu: [3, 9],
      memory: 20,
    },
  },
  {
    ref: component('event-collector'),
    account: ANALYTICS,
    runtime: ecs(ANALYTICS, 'us-west-2', 'analytics', 'event-collector', {
      cpuUnits: 512,
      memoryMiB: 1024,
      count: 1,
    }),
    profile: {
      rps: 6,
      latency: 0.5,
      errorRatio: 0.002,
      cpu: [8, 25],
      memory: 35,
    },
  },
  {
    ref: resource('analytics-db'),
    account: ANALYTICS,
    runtime: rds(ANALYTICS, 'us-west-2', 'analytics-db', 'db.m5.large', 200),
    profile: {
      rps: 30,
      latency: 0.004,
      errorRatio: 0,
      cpu: [6, 20],
      memory: 0,
      connections: 12,
    },
  },
];

/** The simulated estate. */
export const DEMO_ESTATE: DemoEstate = {
  accounts: [
    {
      id: SHOP,
      name: 'acme-shop-prod',
      environment: 'production',
      region: 'us-east-1',
    },
    {
      id: IDENTITY,
      name: 'acme-identity-prod',
      environment: 'production',
      region: 'us-east-1',
    },
    {
      id: ANALYTICS,
      name: 'acme-analytics-staging',
      environment: 'staging',
      region: 'us-west-2',
    },
  ],
  cluster: {
    name: 'prod',
    account: SHOP,
    region: 'us-east-1',
    environment: 'production',
    entityRef: resource('eks-prod'),
    nodes: [
      'ip-10-0-1-17.ec2.internal:i-0c1e5b1f2a3d40001',
      'ip-10-0-2-24.ec2.internal:i-0c1e5b1f2a3d40002',
      'ip-10-0-3-31.ec2.internal:i-0c1e5b1f2a3d40003',
      // Runs only DaemonSets since the last scale-down: idle.
      'ip-10-0-3-45.ec2.internal:i-0c1e5b1f2a3d40004',
    ].map(entry => {
      const [name, instanceId] = entry.split(':');
      return {
        name,
        instanceId,
        instanceType: 'm6i.xlarge',
        nodePool: 'general',
        allocatableCpuCores: 3.92,
        allocatableMemoryBytes: 14.8 * GiB,
      };
    }),
  },
  services,
  edges: [
    [component('web-storefront'), component('product-catalog')],
    [component('web-storefront'), component('checkout-service')],
    [component('web-storefront'), component('auth-service')],
    [component('web-storefront'), component('user-profile-service')],
    [component('checkout-service'), component('cart-service')],
    [component('checkout-service'), component('payments-service')],
    [component('checkout-service'), component('orders-service')],
    [component('checkout-service'), component('auth-service')],
    [component('cart-service'), resource('redis-cart')],
    [component('payments-service'), resource('payments-db')],
    [component('orders-service'), resource('orders-db')],
    [component('orders-service'), resource('orders-events')],
    [component('orders-service'), component('inventory-service')],
    [component('inventory-service'), resource('inventory-db')],
    [component('shipping-service'), component('orders-service')],
    [component('product-catalog'), resource('inventory-db')],
    [component('notification-worker'), resource('orders-events')],
    [component('auth-service'), resource('users-db')],
    [component('auth-service'), resource('sessions-cache')],
    [component('user-profile-service'), resource('users-db')],
    [component('reporting-service'), resource('analytics-db')],
    [component('reporting-service'), component('orders-service')],
    [component('event-collector'), resource('orders-events')],
    [component('event-collector'), resource('analytics-db')],
  ],
};
