import { counter, HistorySeries, samples } from './openMetrics';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const HOUR = 3_600_000;

interface Pod {
  namespace: string;
  pod: string;
  container: string;
  node: string;
  owner: { kind: string; name: string };
  cpu: (t: number) => number;
  memory: (t: number) => number;
  requests?: { cpu: number; memory: number };
}

/** Bursty: 0.02 cores, but 0.9 for the first two hours of every six. */
const bursty = (t: number) => (t % (6 * HOUR) < 2 * HOUR ? 0.9 : 0.02);
/** A little daily rhythm, so usage is not a flat line. */
const daily = (base: number, swing: number) => (t: number) =>
  base + swing * Math.sin((2 * Math.PI * t) / (24 * HOUR));

/**
 * A cluster with one recorded usage shape per case the Kubernetes waste
 * detectors must tell apart:
 * - `api` (Deployment, 3 pods, no HPA): requests 1.5 cores / 4 GiB, uses
 *   about 0.2 cores / 600 MiB: oversized, and fixed replicas.
 * - `web` (Deployment, 2 pods, HPA 2..6): right-sized.
 * - `batch` (Deployment, 1 pod): bursty, sized for its bursts.
 * - `cache` (StatefulSet, 1 pod): uses more than it requests.
 * - `node-idle` runs only a DaemonSet; `node-bursty` runs `batch` (its
 *   peaks are high, its average is low); `node-busy` and `node-spare` run
 *   the rest.
 * - NodePool `default` (node-busy, node-idle, node-spare) only consolidates
 *   empty nodes; NodePool `batch` (node-bursty) consolidates.
 */
export const WASTE_ESTATE = {
  region: 'us-east-1',
  nodes: {
    'node-busy': {
      type: 'm5.2xlarge',
      cpu: 8,
      memory: 32 * GiB,
      pool: 'default',
    },
    'node-idle': {
      type: 'm5.xlarge',
      cpu: 4,
      memory: 16 * GiB,
      pool: 'default',
    },
    'node-spare': {
      type: 'm5.xlarge',
      cpu: 4,
      memory: 16 * GiB,
      pool: 'default',
    },
    'node-bursty': {
      type: 'm5.xlarge',
      cpu: 4,
      memory: 16 * GiB,
      pool: 'batch',
    },
  },
  pools: {
    default: { policy: 'WhenEmpty', after: '30s' },
    batch: { policy: 'WhenEmptyOrUnderutilized', after: '1m' },
  },
} as const;

function pods(): Pod[] {
  const deployment = (name: string, hash: string, suffix: string) => ({
    pod: `${name}-${hash}-${suffix}`,
    owner: { kind: 'ReplicaSet', name: `${name}-${hash}` },
  });
  const exporter = (node: string, i: number): Pod => ({
    namespace: 'monitoring',
    pod: `node-exporter-${i}`,
    container: 'node-exporter',
    node,
    owner: { kind: 'DaemonSet', name: 'node-exporter' },
    cpu: () => 0.01,
    memory: () => 20 * MiB,
  });
  return [
    ...['a1b2c', 'd3e4f', 'g5h6i'].map(
      (suffix): Pod => ({
        namespace: 'shop',
        container: 'app',
        node: 'node-busy',
        ...deployment('api', '6f7d8c9b5', suffix),
        cpu: daily(0.15, 0.05),
        memory: daily(560 * MiB, 40 * MiB),
        requests: { cpu: 1.5, memory: 4 * GiB },
      }),
    ),
    ...['k2j4m', 'p7q9r'].map(
      (suffix): Pod => ({
        namespace: 'shop',
        container: 'app',
        node: 'node-busy',
        ...deployment('web', '5c8d7b9f6', suffix),
        cpu: daily(0.4, 0.05),
        memory: () => 470 * MiB,
        requests: { cpu: 0.5, memory: 512 * MiB },
      }),
    ),
    {
      namespace: 'jobs',
      container: 'worker',
      node: 'node-bursty',
      ...deployment('batch', '7b6c5d4e3', 'x8y9z'),
      cpu: bursty,
      memory: () => 900 * MiB,
      requests: { cpu: 1, memory: 1 * GiB },
    },
    {
      namespace: 'data',
      pod: 'cache-0',
      container: 'redis',
      node: 'node-spare',
      owner: { kind: 'StatefulSet', name: 'cache' },
      cpu: daily(0.6, 0.05),
      memory: () => 460 * MiB,
      requests: { cpu: 0.25, memory: 512 * MiB },
    },
    ...Object.keys(WASTE_ESTATE.nodes).map(exporter),
  ];
}

/** kube-state-metrics and cAdvisor series of {@link WASTE_ESTATE} over [start, end]. */
export function wasteHistory(options: {
  start: number;
  end: number;
  stepMs?: number;
}): HistorySeries[] {
  const { start, end, stepMs = 120_000 } = options;
  const all = (value: number | ((t: number) => number)) =>
    samples(
      start,
      end,
      stepMs,
      typeof value === 'number' ? () => value : value,
    );
  const series: HistorySeries[] = [];
  const add = (
    name: string,
    labels: Record<string, string>,
    values: Array<[number, number]>,
  ) => series.push({ name, labels, samples: values });

  for (const [node, spec] of Object.entries(WASTE_ESTATE.nodes)) {
    add(
      'kube_node_labels',
      {
        node,
        label_node_kubernetes_io_instance_type: spec.type,
        label_topology_kubernetes_io_region: WASTE_ESTATE.region,
        label_karpenter_sh_nodepool: spec.pool,
      },
      all(1),
    );
    add(
      'kube_node_status_allocatable',
      { node, resource: 'cpu', unit: 'core' },
      all(spec.cpu),
    );
    add(
      'kube_node_status_allocatable',
      { node, resource: 'memory', unit: 'byte' },
      all(spec.memory),
    );
  }
  for (const [pool, { policy, after }] of Object.entries(WASTE_ESTATE.pools)) {
    add(
      'kube_customresource_karpenter_nodepool_disruption',
      {
        customresource_group: 'karpenter.sh',
        customresource_kind: 'NodePool',
        customresource_version: 'v1',
        nodepool: pool,
        consolidation_policy: policy,
        consolidate_after: after,
      },
      all(1),
    );
  }
  for (const [name, hash, replicas] of [
    ['api', '6f7d8c9b5', 3],
    ['web', '5c8d7b9f6', 2],
    ['batch', '7b6c5d4e3', 1],
  ] as const) {
    const namespace = name === 'batch' ? 'jobs' : 'shop';
    add(
      'kube_replicaset_owner',
      {
        namespace,
        replicaset: `${name}-${hash}`,
        owner_kind: 'Deployment',
        owner_name: name,
        owner_is_controller: 'true',
      },
      all(1),
    );
    add(
      'kube_deployment_spec_replicas',
      { namespace, deployment: name },
      all(replicas),
    );
  }
  add(
    'kube_statefulset_replicas',
    { namespace: 'data', statefulset: 'cache' },
    all(1),
  );
  const hpa = { namespace: 'shop', horizontalpodautoscaler: 'web' };
  add(
    'kube_horizontalpodautoscaler_info',
    {
      ...hpa,
      scaletargetref_api_version: 'apps/v1',
      scaletargetref_kind: 'Deployment',
      scaletargetref_name: 'web',
    },
    all(1),
  );
  add('kube_horizontalpodautoscaler_spec_min_replicas', hpa, all(2));
  add('kube_horizontalpodautoscaler_spec_max_replicas', hpa, all(6));

  for (const p of pods()) {
    const pod = { namespace: p.namespace, pod: p.pod };
    const id = { ...pod, container: p.container };
    add(
      'kube_pod_info',
      {
        ...pod,
        node: p.node,
        created_by_kind: p.owner.kind,
        created_by_name: p.owner.name,
      },
      all(1),
    );
    add(
      'kube_pod_owner',
      {
        ...pod,
        owner_kind: p.owner.kind,
        owner_name: p.owner.name,
        owner_is_controller: 'true',
      },
      all(1),
    );
    if (p.requests) {
      const labels = { ...id, node: p.node };
      add(
        'kube_pod_container_resource_requests',
        { ...labels, resource: 'cpu', unit: 'core' },
        all(p.requests.cpu),
      );
      add(
        'kube_pod_container_resource_requests',
        { ...labels, resource: 'memory', unit: 'byte' },
        all(p.requests.memory),
      );
    }
    const cadvisor = { ...id, node: p.node };
    add(
      'container_cpu_usage_seconds_total',
      cadvisor,
      counter(start, end, stepMs, p.cpu),
    );
    add(
      'container_memory_working_set_bytes',
      cadvisor,
      all(t => Math.round(p.memory(t))),
    );
  }
  return series;
}
