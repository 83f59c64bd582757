import { PromSeries } from '../prometheus/PrometheusClient';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';

/** Quantiles of a resource's usage over the window. */
export interface UsageQuantiles {
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
}

/**
 * A resource (CPU in cores, memory in bytes) of one container: what it
 * requests, its limit, and what it used.
 *
 * @public
 */
export interface ResourceUsage {
  request?: number;
  limit?: number;
  /** Per pod over the window, then the busiest pod's figure. */
  usage: UsageQuantiles;
}

/**
 * Requests against usage for one container of one workload.
 *
 * @public
 */
export interface WorkloadUsage {
  cluster: string;
  namespace: string;
  /** `Deployment`, `StatefulSet`, `DaemonSet`, `Job`, `ReplicaSet` or `Pod` (no owner). */
  workloadKind: string;
  workloadName: string;
  container: string;
  /** The pods of the workload seen in the window. */
  pods: number;
  cpu: ResourceUsage;
  memory: ResourceUsage;
}

/**
 * One node: what it offers, what its pods request, what they used.
 *
 * @public
 */
export interface NodeUsage {
  cluster: string;
  node: string;
  cpu: {
    allocatable?: number;
    requested: number;
    usageAvg?: number;
    usageMax?: number;
  };
  memory: { allocatable?: number; requested: number; usageMax?: number };
  /** Pods on the node now that no DaemonSet owns. */
  workloadPods: number;
  /** Whether usage stayed under the thresholds for the whole window. */
  idle: boolean;
}

/**
 * The window a usage question covers.
 *
 * @public
 */
export interface UsageWindow {
  cluster: string;
  /** How far back, in milliseconds, e.g. 7 days. */
  windowMs: number;
  /** The resolution of the quantiles, in milliseconds (default 5 minutes). */
  stepMs?: number;
  /** The end of the window (default: now). */
  at?: Date;
  signal?: AbortSignal;
}

/**
 * The usage figures the Kubernetes waste detectors need, read through a
 * cluster's Prometheus.
 *
 * @public
 */
export interface KubernetesUsageService {
  /** CPU and memory requests, limits and usage quantiles per workload container. */
  workloadUsage(window: UsageWindow): Promise<WorkloadUsage[]>;
  /**
   * Every node with its figures; `idle` when its CPU and memory usage never
   * rose above the given shares of what it offers (default 10% each).
   */
  nodeUsage(
    window: UsageWindow & {
      maxCpuUtilization?: number;
      maxMemoryUtilization?: number;
    },
  ): Promise<NodeUsage[]>;
}

/** cAdvisor series of containers (not the pod's sandbox or cgroup totals). */
export const RUNNING = 'container!="", container!="POD"';
const CONTAINER = 'namespace, pod, container';
const CPU_RATE = `sum by (${CONTAINER}) (rate(container_cpu_usage_seconds_total{${RUNNING}}[5m]))`;
const MEMORY = `max by (${CONTAINER}) (container_memory_working_set_bytes{${RUNNING}})`;
const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

/** A PromQL duration of whole seconds (at least 1s). */
export const duration = (ms: number) =>
  `${Math.max(1, Math.round(ms / 1000))}s`;
/** A map key of several label values. */
export const key = (...parts: string[]) => parts.join('\u0000');

/** Each series' single value, by the labels `key` picks. */
export function valuesBy(
  series: PromSeries[],
  keyOf: (labels: Record<string, string>) => string,
): Map<string, number> {
  const values = new Map<string, number>();
  for (const s of series) {
    const value = s.points[s.points.length - 1]?.value;
    if (value !== undefined) values.set(keyOf(s.labels), value);
  }
  return values;
}

/** Where a pod belongs: its workload, through ReplicaSets to Deployments. */
export function workloadsOfPods(
  podOwners: PromSeries[],
  replicaSetOwners: PromSeries[],
): Map<string, { kind: string; name: string }> {
  const deployments = new Map<string, string>();
  for (const { labels } of replicaSetOwners) {
    if (labels.owner_kind === 'Deployment') {
      deployments.set(
        key(labels.namespace, labels.replicaset),
        labels.owner_name,
      );
    }
  }
  const ownerOf = (labels: Record<string, string>) => {
    const { namespace, pod, owner_kind: kind, owner_name: name } = labels;
    const deployment =
      kind === 'ReplicaSet' ? deployments.get(key(namespace, name)) : undefined;
    if (deployment) return { kind: 'Deployment', name: deployment };
    if (kind && kind !== '<none>') return { kind, name };
    return { kind: 'Pod', name: pod };
  };
  return new Map(
    podOwners.map(({ labels }) => [
      key(labels.namespace, labels.pod),
      ownerOf(labels),
    ]),
  );
}

/** The larger of two figures that may be unknown. */
function larger(a: number | undefined, b: number | undefined) {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/** {@link KubernetesUsageService} over the configured clusters' Prometheus. */
export class KubernetesUsage implements KubernetesUsageService {
  constructor(private readonly prometheus: PrometheusClusters) {}

  async workloadUsage(window: UsageWindow): Promise<WorkloadUsage[]> {
    const range = `[${duration(window.windowMs)}:${duration(
      window.stepMs ?? 300_000,
    )}]`;
    const over = `[${duration(window.windowMs)}]`;
    const ask = this.asker(window);
    const containerKey = (l: Record<string, string>) =>
      key(l.namespace, l.pod, l.container);
    const [podOwners, replicaSetOwners, requests, limits, ...usage] =
      await Promise.all([
        ask(
          `max by (namespace, pod, owner_kind, owner_name) (max_over_time(kube_pod_owner${over}))`,
        ),
        ask(
          `max by (namespace, replicaset, owner_kind, owner_name) (max_over_time(kube_replicaset_owner${over}))`,
        ),
        ask(
          `max by (${CONTAINER}, resource) (max_over_time(kube_pod_container_resource_requests{resource=~"cpu|memory"}${over}))`,
        ),
        ask(
          `max by (${CONTAINER}, resource) (max_over_time(kube_pod_container_resource_limits{resource=~"cpu|memory"}${over}))`,
        ),
        ...[CPU_RATE, MEMORY].flatMap(expr => [
          ...Object.values(QUANTILES).map(q =>
            ask(`quantile_over_time(${q}, (${expr})${range})`),
          ),
          ask(`max_over_time((${expr})${range})`),
        ]),
      ]);
    const resourceKey = (l: Record<string, string>) =>
      key(containerKey(l), l.resource);
    const requestOf = valuesBy(requests, resourceKey);
    const limitOf = valuesBy(limits, resourceKey);
    const [cpuP50, cpuP95, cpuP99, cpuMax, memP50, memP95, memP99, memMax] =
      usage.map(series => valuesBy(series, containerKey));
    const workloads = workloadsOfPods(podOwners, replicaSetOwners);

    const rows = new Map<string, WorkloadUsage & { podSet: Set<string> }>();
    const containers = new Set([
      ...cpuMax.keys(),
      ...memMax.keys(),
      ...[...requestOf.keys()].map(k =>
        k.split('\u0000').slice(0, 3).join('\u0000'),
      ),
    ]);
    for (const container of containers) {
      const [namespace, pod, name] = container.split('\u0000');
      const workload = workloads.get(key(namespace, pod)) ?? {
        kind: 'Pod',
        name: pod,
      };
      const rowKey = key(namespace, workload.kind, workload.name, name);
      const row = rows.get(rowKey) ?? {
        cluster: window.cluster,
        namespace,
        workloadKind: workload.kind,
        workloadName: workload.name,
        container: name,
        pods: 0,
        podSet: new Set<string>(),
        cpu: { usage: {} },
        memory: { usage: {} },
      };
      row.podSet.add(pod);
      const fold = (
        resource: ResourceUsage,
        name2: string,
        quantiles: Array<Map<string, number>>,
      ) => {
        resource.request = larger(
          resource.request,
          requestOf.get(key(container, name2)),
        );
        resource.limit = larger(
          resource.limit,
          limitOf.get(key(container, name2)),
        );
        const [p50, p95, p99, top] = quantiles.map(q => q.get(container));
        resource.usage = {
          p50: larger(resource.usage.p50, p50),
          p95: larger(resource.usage.p95, p95),
          p99: larger(resource.usage.p99, p99),
          max: larger(resource.usage.max, top),
        };
      };
      fold(row.cpu, 'cpu', [cpuP50, cpuP95, cpuP99, cpuMax]);
      fold(row.memory, 'memory', [memP50, memP95, memP99, memMax]);
      rows.set(rowKey, row);
    }
    return [...rows.values()]
      .map(({ podSet, ...row }) => ({ ...row, pods: podSet.size }))
      .sort((a, b) =>
        key(a.namespace, a.workloadName, a.container) <
        key(b.namespace, b.workloadName, b.container)
          ? -1
          : 1,
      );
  }

  async nodeUsage(
    window: UsageWindow & {
      maxCpuUtilization?: number;
      maxMemoryUtilization?: number;
    },
  ): Promise<NodeUsage[]> {
    const range = `[${duration(window.windowMs)}:${duration(
      window.stepMs ?? 300_000,
    )}]`;
    const ask = this.asker(window);
    const nodeCpu = `sum by (node) (rate(container_cpu_usage_seconds_total{${RUNNING}}[5m]))`;
    const nodeMemory = `sum by (node) (container_memory_working_set_bytes{${RUNNING}})`;
    const [allocatable, requested, cpuAvg, cpuMax, memMax, pods] =
      await Promise.all([
        ask(
          'max by (node, resource) (kube_node_status_allocatable{resource=~"cpu|memory"})',
        ),
        ask(
          'sum by (node, resource) (kube_pod_container_resource_requests{resource=~"cpu|memory"})',
        ),
        ask(`avg_over_time((${nodeCpu})${range})`),
        ask(`max_over_time((${nodeCpu})${range})`),
        ask(`max_over_time((${nodeMemory})${range})`),
        ask('count by (node) (kube_pod_info{created_by_kind!="DaemonSet"})'),
      ]);
    const byResource = (l: Record<string, string>) => key(l.node, l.resource);
    const byNode = (l: Record<string, string>) => l.node;
    const offered = valuesBy(allocatable, byResource);
    const asked = valuesBy(requested, byResource);
    const [avgCpu, topCpu, topMemory, podCount] = [
      cpuAvg,
      cpuMax,
      memMax,
      pods,
    ].map(s => valuesBy(s, byNode));
    const maxCpu = window.maxCpuUtilization ?? 0.1;
    const maxMemory = window.maxMemoryUtilization ?? 0.1;
    const nodes = new Set(allocatable.map(s => s.labels.node));
    return [...nodes].sort().map(node => {
      const cpu = {
        allocatable: offered.get(key(node, 'cpu')),
        requested: asked.get(key(node, 'cpu')) ?? 0,
        usageAvg: avgCpu.get(node),
        usageMax: topCpu.get(node),
      };
      const memory = {
        allocatable: offered.get(key(node, 'memory')),
        requested: asked.get(key(node, 'memory')) ?? 0,
        usageMax: topMemory.get(node),
      };
      const under = (
        used: number | undefined,
        of: number | undefined,
        share: number,
      ) =>
        used !== undefined && of !== undefined && of > 0 && used / of <= share;
      return {
        cluster: window.cluster,
        node,
        cpu,
        memory,
        workloadPods: podCount.get(node) ?? 0,
        idle:
          under(cpu.usageMax, cpu.allocatable, maxCpu) &&
          under(memory.usageMax, memory.allocatable, maxMemory),
      };
    });
  }

  private asker(window: UsageWindow) {
    const client = this.prometheus.client(window.cluster);
    const time = (window.at ?? new Date()).getTime();
    return (query: string) =>
      client.query({ query, time, signal: window.signal });
  }
}
