/**
 * The simulated estate: accounts, a Kubernetes cluster and the services that
 * run in them, each with how it behaves when healthy.
 */

/** @public */
export type DemoEnvironment = 'production' | 'staging' | 'development';

/**
 * An AWS account of the simulated fleet.
 *
 * @public
 */
export interface DemoAccount {
  id: string;
  name: string;
  environment: DemoEnvironment;
  region: string;
}

/** A node of the simulated Kubernetes cluster (an EC2 instance). */
export interface DemoNode {
  name: string;
  instanceId: string;
  instanceType: string;
  nodePool: string;
  allocatableCpuCores: number;
  allocatableMemoryBytes: number;
}

/** The simulated Kubernetes cluster. */
export interface DemoCluster {
  /** The cluster's name: the `cluster` label and `account` of its signals. */
  name: string;
  account: string;
  region: string;
  environment: DemoEnvironment;
  /** The catalog entity that stands for the cluster (node signals link to it). */
  entityRef: string;
  nodes: DemoNode[];
}

/** How a service runs, which decides the signals it has. */
export type DemoRuntime =
  | {
      type: 'kubernetes';
      namespace: string;
      /** Pod names, one per replica; pod `i` runs on node `i mod nodes`. */
      pods: string[];
      cpuRequestCores: number;
      cpuLimitCores: number;
      memoryRequestBytes: number;
      memoryLimitBytes: number;
      /** The HorizontalPodAutoscaler, when it has one. */
      hpa?: { minReplicas: number; maxReplicas: number };
    }
  | {
      type: 'ecs';
      cluster: string;
      /** The ECS service ARN (also in the entity's `cloudops.ai/aws-resource-arns`). */
      arn: string;
      taskCpuUnits: number;
      taskMemoryMiB: number;
      desiredCount: number;
    }
  | { type: 'ec2'; instanceId: string; arn: string; instanceType: string }
  | {
      type: 'rds';
      arn: string;
      identifier: string;
      instanceClass: string;
      engine: string;
      storageGiB: number;
    }
  | { type: 'elasticache'; arn: string; identifier: string; nodeType: string }
  | { type: 'sqs'; arn: string; queueName: string }
  | { type: 'cluster' };

/** How a service behaves when healthy, at its daily peak. */
export interface DemoProfile {
  /** Requests per second (messages per second for workers and queues). */
  rps: number;
  /** p99 latency in seconds (query latency for databases). */
  latency: number;
  /** Share of requests that fail. */
  errorRatio: number;
  /** CPU percent (of the limit, of the task, of the instance) at night and at peak. */
  cpu: [number, number];
  /** Memory percent (of the limit, of the task, used by the cache). */
  memory: number;
  /** Database connections (databases and caches). */
  connections?: number;
}

/**
 * A service of the simulated estate: a catalog entity and what stands
 * behind it.
 *
 * @public
 */
export interface DemoService {
  /** The catalog entity, e.g. `component:default/checkout-service`. */
  ref: string;
  account: string;
  runtime: DemoRuntime;
  profile: DemoProfile;
  /** A load balancer target group in front of it (request metrics come from it). */
  targetGroupArn?: string;
  /** Whether routine deployments happen (weekdays, business hours). */
  deploys?: boolean;
}

/** The whole simulated estate. */
export interface DemoEstate {
  accounts: DemoAccount[];
  cluster: DemoCluster;
  services: DemoService[];
  /**
   * `[caller, callee]`: who needs whom, as the catalog's `dependsOn` and
   * `consumesApi` relations say; faults travel from callee to caller.
   */
  edges: Array<[string, string]>;
}

/** The entity name of a ref (`component:default/checkout-service` → `checkout-service`). */
export function nameOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}
