import { SeriesPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import {
  duration,
  key,
  RUNNING,
  valuesBy,
  workloadsOfPods,
} from '../kubernetes/KubernetesUsage';
import { queryRangeChunked } from '../prometheus/chunkedRange';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { mostCommon, NodeLabels } from './nodeLabels';

/** One container of a workload: its current requests and its usage per pod. */
export interface ContainerSeries {
  cpuRequestCores?: number;
  memoryRequestBytes?: number;
  /** CPU cores of every pod's container (the points of all pods together). */
  cpu: SeriesPoint[];
  /** Working set bytes of every pod's container. */
  memory: SeriesPoint[];
}

/** A workload as it runs now, with its usage over the window. */
export interface WorkloadSeries {
  namespace: string;
  kind: string;
  name: string;
  /** Its pods now. */
  pods: string[];
  /** The instance type most of its pods run on. */
  nodeInstanceType?: string;
  containers: Map<string, ContainerSeries>;
  /** CPU cores of all its pods together at each step. */
  cpuTotal: SeriesPoint[];
}

/** Workload kinds whose requests and replicas are long-lived settings. */
const SIZED_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
]);

/** What a usage read covers: the window and its step. */
export interface ReadWindow {
  end: number;
  lookbackMs: number;
  stepMs: number;
  signal?: AbortSignal;
}

/**
 * The workloads of a cluster (Deployments through their ReplicaSets,
 * StatefulSets, DaemonSets) as they run at the end of the window, each with
 * its containers' requests and their CPU and memory usage per pod over the
 * window, read as range queries at `stepMs` (one namespace at a time,
 * chunked to Prometheus' 11,000 points).
 */
export async function readWorkloads(
  client: PrometheusClient,
  nodes: Map<string, NodeLabels>,
  window: ReadWindow,
): Promise<WorkloadSeries[]> {
  const { end, lookbackMs, stepMs, signal } = window;
  const at = (query: string) => client.query({ query, time: end, signal });
  const [podOwners, replicaSetOwners, requests, podNodes] = await Promise.all([
    at(
      'max by (namespace, pod, owner_kind, owner_name) (kube_pod_owner{owner_is_controller!="false"})',
    ),
    at(
      'max by (namespace, replicaset, owner_kind, owner_name) (kube_replicaset_owner)',
    ),
    at(
      'max by (namespace, pod, container, resource) (kube_pod_container_resource_requests{resource=~"cpu|memory"})',
    ),
    at('max by (namespace, pod, node) (kube_pod_info{node!=""})'),
  ]);
  const owners = workloadsOfPods(podOwners, replicaSetOwners);
  const requestOf = valuesBy(requests, l =>
    key(l.namespace, l.pod, l.container, l.resource),
  );
  const nodeOf = new Map(
    podNodes.map(({ labels }) => [
      key(labels.namespace, labels.pod),
      labels.node,
    ]),
  );

  const workloads = new Map<string, WorkloadSeries>();
  const workloadOfPod = new Map<string, WorkloadSeries>();
  for (const [podKey, owner] of owners) {
    if (!SIZED_KINDS.has(owner.kind)) continue;
    const [namespace, pod] = podKey.split('\u0000');
    const id = key(namespace, owner.kind, owner.name);
    const workload: WorkloadSeries = workloads.get(id) ?? {
      namespace,
      kind: owner.kind,
      name: owner.name,
      pods: [],
      containers: new Map(),
      cpuTotal: [],
    };
    workload.pods.push(pod);
    workloads.set(id, workload);
    workloadOfPod.set(podKey, workload);
  }
  for (const { labels } of requests) {
    const workload = workloadOfPod.get(key(labels.namespace, labels.pod));
    if (!workload) continue;
    const container = containerOf(workload, labels.container);
    const value = requestOf.get(
      key(labels.namespace, labels.pod, labels.container, labels.resource),
    );
    if (labels.resource === 'cpu') {
      container.cpuRequestCores = Math.max(
        container.cpuRequestCores ?? 0,
        value!,
      );
    } else {
      container.memoryRequestBytes = Math.max(
        container.memoryRequestBytes ?? 0,
        value!,
      );
    }
  }

  const rateWindow = duration(Math.max(stepMs, 300_000));
  const range = { start: end - lookbackMs, end, stepMs, signal };
  const namespaces = [
    ...new Set([...workloads.values()].map(w => w.namespace)),
  ];
  for (const namespace of namespaces.sort()) {
    const scope = `${RUNNING}, namespace=${JSON.stringify(namespace)}`;
    const [cpu, memory] = [
      await queryRangeChunked(client, {
        ...range,
        query: `sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{${scope}}[${rateWindow}]))`,
      }),
      await queryRangeChunked(client, {
        ...range,
        query: `max by (namespace, pod, container) (container_memory_working_set_bytes{${scope}})`,
      }),
    ];
    // Only pods that still belong to a workload count; usage of earlier pods
    // of the same workload (rolled out since) counts too, by their owner in
    // the window.
    const historicOwners = workloadsOfPods(
      await client.query({
        query: `max by (namespace, pod, owner_kind, owner_name) (max_over_time(kube_pod_owner{namespace=${JSON.stringify(
          namespace,
        )}}[${duration(lookbackMs)}]))`,
        time: end,
        signal,
      }),
      replicaSetOwners,
    );
    const workloadOf = (labels: Record<string, string>) => {
      const owner = historicOwners.get(key(labels.namespace, labels.pod));
      return owner && workloads.get(key(namespace, owner.kind, owner.name));
    };
    const totals = new Map<WorkloadSeries, Map<number, number>>();
    for (const s of cpu) {
      const workload = workloadOf(s.labels);
      if (!workload) continue;
      containerOf(workload, s.labels.container).cpu.push(...s.points);
      const sums = totals.get(workload) ?? new Map<number, number>();
      for (const p of s.points) {
        sums.set(p.timestamp, (sums.get(p.timestamp) ?? 0) + p.value);
      }
      totals.set(workload, sums);
    }
    for (const s of memory) {
      const workload = workloadOf(s.labels);
      if (workload)
        containerOf(workload, s.labels.container).memory.push(...s.points);
    }
    for (const [workload, sums] of totals) {
      workload.cpuTotal = [...sums.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([timestamp, value]) => ({ timestamp, value }));
    }
  }

  for (const workload of workloads.values()) {
    workload.nodeInstanceType = mostCommon(
      workload.pods.map(
        pod =>
          nodes.get(nodeOf.get(key(workload.namespace, pod)) ?? '')
            ?.instanceType,
      ),
    );
  }
  return [...workloads.values()];
}

function containerOf(workload: WorkloadSeries, name: string): ContainerSeries {
  let container = workload.containers.get(name);
  if (!container) {
    container = { cpu: [], memory: [] };
    workload.containers.set(name, container);
  }
  return container;
}
