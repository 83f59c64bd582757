import { counter, HistorySeries, samples } from './openMetrics';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const MINUTE = 60_000;

interface Container {
  namespace: string;
  pod: string;
  container: string;
  node: string;
  owner: { kind: string; name: string };
  /** CPU in cores at a time. */
  cpu: (t: number) => number;
  memory: number;
  requests?: { cpu: number; memory: number };
  limits?: { cpu: number; memory: number };
}

/**
 * A small estate that kube-state-metrics and cAdvisor would describe:
 * Deployments checkout (one pod) and cart (two), StatefulSet kafka,
 * DaemonSet node-exporter on three nodes; node-c runs nothing else.
 */
export const ESTATE = {
  checkoutPod: 'checkout-7d9f8c6b5-x2x4q',
  cartPods: ['cart-5c8d7b9f6-k2j4m', 'cart-5c8d7b9f6-p7q9r'],
  kafkaPod: 'kafka-0',
  nodes: {
    'node-a': [4, 16 * GiB],
    'node-b': [8, 32 * GiB],
    'node-c': [4, 16 * GiB],
  },
  /** kafka's CPU spike: [end - 60m, end - 50m), near its 1-core limit. */
  spikeMinutesBeforeEnd: [60, 50],
} as const;

function containers(end: number): Container[] {
  const [spikeFrom, spikeTo] = ESTATE.spikeMinutesBeforeEnd;
  const inSpike = (t: number) =>
    t >= end - spikeFrom * MINUTE && t < end - spikeTo * MINUTE;
  const exporter = (pod: string, node: string): Container => ({
    namespace: 'monitoring',
    pod,
    container: 'node-exporter',
    node,
    owner: { kind: 'DaemonSet', name: 'node-exporter' },
    cpu: () => 0.01,
    memory: 20 * MiB,
  });
  return [
    {
      namespace: 'shop',
      pod: ESTATE.checkoutPod,
      container: 'app',
      node: 'node-a',
      owner: { kind: 'ReplicaSet', name: 'checkout-7d9f8c6b5' },
      cpu: () => 0.05,
      memory: 100 * MiB,
      requests: { cpu: 0.5, memory: 256 * MiB },
      limits: { cpu: 1, memory: 512 * MiB },
    },
    ...ESTATE.cartPods.map(
      (pod, i): Container => ({
        namespace: 'shop',
        pod,
        container: 'app',
        node: 'node-a',
        owner: { kind: 'ReplicaSet', name: 'cart-5c8d7b9f6' },
        cpu: () => [0.2, 0.3][i],
        memory: [200, 500][i] * MiB,
        requests: { cpu: 1, memory: 256 * MiB },
        limits: { cpu: 2, memory: 512 * MiB },
      }),
    ),
    {
      namespace: 'data',
      pod: ESTATE.kafkaPod,
      container: 'broker',
      node: 'node-b',
      owner: { kind: 'StatefulSet', name: 'kafka' },
      cpu: t => (inSpike(t) ? 0.99 : 0.5),
      memory: 2 * GiB,
      requests: { cpu: 1, memory: 4 * GiB },
      limits: { cpu: 1, memory: 4 * GiB },
    },
    exporter('node-exporter-b7k2q', 'node-a'),
    exporter('node-exporter-c8m5x', 'node-b'),
    exporter('node-exporter-d9n6z', 'node-c'),
  ];
}

/**
 * The history of the estate over [start, end], one sample every `stepMs`.
 * With `troubled`, the last minutes hold what the seed's alerts are about:
 * checkout crash-loops for the last 20 minutes, node-b has not been Ready
 * for 30 minutes, kafka-0 was OOMKilled 5 minutes before the end, and
 * kafka's CPU spike is throttled.
 */
export function kubernetesHistory(options: {
  start: number;
  end: number;
  stepMs?: number;
  troubled?: boolean;
}): HistorySeries[] {
  const { start, end, stepMs = 30_000, troubled = false } = options;
  const all = (value: number | ((t: number) => number)) =>
    samples(
      start,
      end,
      stepMs,
      typeof value === 'number' ? () => value : value,
    );
  const crashFrom = end - 20 * MINUTE;
  const notReadyFrom = end - 30 * MINUTE;
  const oomAt = end - 5 * MINUTE;
  const crashing = (t: number) => troubled && t >= crashFrom;
  const series: HistorySeries[] = [];
  const add = (
    name: string,
    labels: Record<string, string>,
    values: Array<[number, number]>,
  ) => series.push({ name, labels, samples: values });

  for (const [node, [cpu, memory]] of Object.entries(ESTATE.nodes)) {
    add(
      'kube_node_status_allocatable',
      { node, resource: 'cpu', unit: 'core' },
      all(cpu),
    );
    add(
      'kube_node_status_allocatable',
      { node, resource: 'memory', unit: 'byte' },
      all(memory),
    );
    const notReady = (t: number) =>
      troubled && node === 'node-b' && t >= notReadyFrom;
    const condition = { node, condition: 'Ready' };
    add(
      'kube_node_status_condition',
      { ...condition, status: 'true' },
      all(t => (notReady(t) ? 0 : 1)),
    );
    add(
      'kube_node_status_condition',
      { ...condition, status: 'false' },
      all(t => (notReady(t) ? 1 : 0)),
    );
    add(
      'kube_node_status_condition',
      { ...condition, status: 'unknown' },
      all(0),
    );
  }
  add(
    'kube_replicaset_owner',
    {
      namespace: 'shop',
      replicaset: 'checkout-7d9f8c6b5',
      owner_kind: 'Deployment',
      owner_name: 'checkout',
    },
    all(1),
  );
  add(
    'kube_replicaset_owner',
    {
      namespace: 'shop',
      replicaset: 'cart-5c8d7b9f6',
      owner_kind: 'Deployment',
      owner_name: 'cart',
    },
    all(1),
  );

  for (const c of containers(end)) {
    const pod = { namespace: c.namespace, pod: c.pod };
    const id = { ...pod, container: c.container };
    add(
      'kube_pod_info',
      {
        ...pod,
        node: c.node,
        created_by_kind: c.owner.kind,
        created_by_name: c.owner.name,
      },
      all(1),
    );
    add(
      'kube_pod_owner',
      {
        ...pod,
        owner_kind: c.owner.kind,
        owner_name: c.owner.name,
        owner_is_controller: 'true',
      },
      all(1),
    );
    add('kube_pod_container_info', id, all(1));
    for (const [kind, values] of [
      ['requests', c.requests],
      ['limits', c.limits],
    ] as const) {
      if (!values) continue;
      const name = `kube_pod_container_resource_${kind}`;
      add(
        name,
        { ...id, node: c.node, resource: 'cpu', unit: 'core' },
        all(values.cpu),
      );
      add(
        name,
        { ...id, node: c.node, resource: 'memory', unit: 'byte' },
        all(values.memory),
      );
    }
    const cadvisor = { ...id, node: c.node };
    add(
      'container_cpu_usage_seconds_total',
      cadvisor,
      counter(start, end, stepMs, c.cpu),
    );
    add('container_memory_working_set_bytes', cadvisor, all(c.memory));
    // 10 CFS periods a second; a container near its limit is throttled in 60% of them.
    const throttled = (t: number) =>
      c.limits && c.cpu(t) / c.limits.cpu > 0.9 ? 6 : 0;
    add(
      'container_cpu_cfs_periods_total',
      cadvisor,
      counter(start, end, stepMs, () => 10),
    );
    add(
      'container_cpu_cfs_throttled_periods_total',
      cadvisor,
      counter(start, end, stepMs, throttled),
    );

    const isCheckout = c.pod === ESTATE.checkoutPod;
    const isKafka = c.pod === ESTATE.kafkaPod;
    add(
      'kube_pod_container_status_restarts_total',
      id,
      all(t => {
        if (isCheckout && crashing(t))
          return 1 + Math.floor((t - crashFrom) / (2 * MINUTE));
        if (isKafka && troubled && t >= oomAt) return 1;
        return 0;
      }),
    );
    if (troubled && isCheckout) {
      add(
        'kube_pod_container_status_waiting_reason',
        { ...id, reason: 'CrashLoopBackOff' },
        samples(start, end, stepMs, t => t)
          .filter(([t]) => crashing(t))
          .map(([t]) => [t, 1]),
      );
      add(
        'kube_pod_container_status_last_terminated_reason',
        { ...id, reason: 'Error' },
        samples(start, end, stepMs, () => 1).filter(([t]) => crashing(t)),
      );
    }
    if (troubled && isKafka) {
      add(
        'kube_pod_container_status_last_terminated_reason',
        { ...id, reason: 'OOMKilled' },
        samples(start, end, stepMs, () => 1).filter(([t]) => t >= oomAt),
      );
    }
  }
  return series;
}
