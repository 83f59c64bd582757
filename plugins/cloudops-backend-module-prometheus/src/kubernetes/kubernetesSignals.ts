/** The labels Kubernetes container signals are grouped by. */
const CONTAINER = 'cluster, namespace, pod, container';
/** Every container kube-state-metrics knows, at 0: the baseline that makes a recovered container read 0 rather than vanish. */
const EVERY_CONTAINER = `max by (${CONTAINER}) (kube_pod_container_info) * 0`;
const RUNNING = 'container!="", container!="POD"';

/**
 * A Kubernetes signal the Prometheus source computes from kube-state-metrics
 * and cAdvisor series when a rule names it.
 *
 * @public
 */
export interface KubernetesSignal {
  /** The signal (metric) name rules match. */
  name: string;
  description: string;
  /**
   * The PromQL expression, one series per container or node; the shipped
   * alerting rules compare it with their thresholds.
   */
  expr: string;
  /**
   * The source adds every container at 0 to `expr`, so that a container
   * that recovers reads 0 instead of vanishing, and rules resolve.
   */
  zeroForEveryContainer?: boolean;
}

/**
 * The Kubernetes signals: name a signal in a rule
 * (`match: {source: prometheus, name: kube_pod_crash_looping}`) and the
 * Prometheus source reads it from every cluster.
 *
 * @public
 */
export const KUBERNETES_SIGNALS: readonly KubernetesSignal[] = [
  {
    name: 'kube_pod_crash_looping',
    description:
      '1 while a container waits in CrashLoopBackOff or did within the last 5 minutes, 0 for every other container',
    // kube-state-metrics drops the waiting reason while the container runs
    // between back-offs: over 5 minutes, a crash loop reads 1 throughout.
    expr: `max by (${CONTAINER}) (max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]))`,
    zeroForEveryContainer: true,
  },
  {
    name: 'kube_container_oom_killed',
    description:
      '1 when a container restarted within 10 minutes after being OOMKilled, else 0',
    expr: `max by (${CONTAINER}) (kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}) * on (${CONTAINER}) (max by (${CONTAINER}) (increase(kube_pod_container_status_restarts_total[10m])) > bool 0)`,
    zeroForEveryContainer: true,
  },
  {
    name: 'kube_node_not_ready',
    description: '1 while a node is not Ready (false or unknown), else 0',
    expr: 'max by (cluster, node) (kube_node_status_condition{condition="Ready", status=~"false|unknown"})',
  },
  {
    name: 'kube_container_restarts',
    description: 'Restarts of a container in the last 15 minutes',
    expr: `max by (${CONTAINER}) (increase(kube_pod_container_status_restarts_total[15m]))`,
  },
  {
    name: 'container_cpu_throttled_ratio',
    description:
      'The share of CFS periods in which a container was throttled (0..1)',
    expr: `sum by (${CONTAINER}) (rate(container_cpu_cfs_throttled_periods_total{${RUNNING}}[5m])) / sum by (${CONTAINER}) (rate(container_cpu_cfs_periods_total{${RUNNING}}[5m]))`,
  },
  {
    name: 'container_cpu_usage_percent',
    description: "A container's CPU usage in percent of its CPU limit",
    expr: `100 * sum by (${CONTAINER}) (rate(container_cpu_usage_seconds_total{${RUNNING}}[5m])) / max by (${CONTAINER}) (kube_pod_container_resource_limits{resource="cpu"})`,
  },
  {
    name: 'container_memory_working_set_percent',
    description:
      "A container's memory working set in percent of its memory limit",
    expr: `100 * max by (${CONTAINER}) (container_memory_working_set_bytes{${RUNNING}}) / max by (${CONTAINER}) (kube_pod_container_resource_limits{resource="memory"})`,
  },
];

const BY_NAME = new Map(KUBERNETES_SIGNALS.map(s => [s.name, s]));

/** What the source asks Prometheus for a Kubernetes signal of that name, if there is one. */
export function kubernetesSignalQuery(name: string): string | undefined {
  const signal = BY_NAME.get(name);
  if (!signal) return undefined;
  return signal.zeroForEveryContainer
    ? `${signal.expr} or ${EVERY_CONTAINER}`
    : signal.expr;
}
