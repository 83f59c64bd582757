import { CLOUDOPS_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { parseSelector, selectorMatches } from './entityInfo';

/**
 * Signal labels that may carry a workload's Kubernetes id, in order of
 * trust; the workload a `pod` label names comes after them, then `service`
 * and `job` (which on kube-state-metrics series name the exporter, not the
 * workload).
 */
const WORKLOAD_LABELS = [
  'backstage.io/kubernetes-id',
  'label_backstage_io_kubernetes_id',
  'app.kubernetes.io/name',
  'label_app_kubernetes_io_name',
  'app',
  'label_app',
  'deployment',
  'statefulset',
  'daemonset',
  'cronjob',
];
const LAST_RESORT_LABELS = ['service', 'job'];

/** An entity's claim on Kubernetes workloads, where it applies. */
interface Link {
  ref: string;
  namespace?: string;
  clusters?: string[];
}

/** Where a signal comes from in Kubernetes terms. */
export interface KubernetesPlace {
  labels: Record<string, string>;
  /** The cluster: the `cluster` label, else the signal's account. */
  cluster?: string;
}

/** The alphabet Kubernetes draws generated name suffixes from (no vowels, no 0, 1, 3). */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const POD_PATTERNS = [
  // Deployment: <name>-<pod template hash>-<suffix>
  new RegExp(`^(.+)-${SAFE}{6,10}-${SAFE}{5}$`),
  // CronJob: <name>-<scheduled minute>-<suffix>
  new RegExp(`^(.+)-\\d{8,}-${SAFE}{5}$`),
  // StatefulSet: <name>-<ordinal>
  /^(.+)-\d+$/,
  // DaemonSet, Job, bare ReplicaSet: <name>-<suffix>
  new RegExp(`^(.+)-${SAFE}{5}$`),
];

/** The workloads a pod name can belong to, most likely first. */
export function workloadsOfPod(pod: string): string[] {
  const names = POD_PATTERNS.map(pattern => pattern.exec(pod)?.[1]);
  return [...new Set(names.filter((n): n is string => Boolean(n)))];
}

/**
 * How well a link fits a place: undefined when it contradicts it (another
 * namespace or cluster), else the number of its constraints the place
 * confirms. A signal that lacks a namespace or cluster does not contradict.
 */
function fit(link: Link, place: KubernetesPlace): number | undefined {
  const namespace = place.labels.namespace;
  let score = 0;
  if (link.namespace && namespace) {
    if (link.namespace !== namespace) return undefined;
    score++;
  }
  if (link.clusters && place.cluster) {
    if (!link.clusters.includes(place.cluster)) return undefined;
    score++;
  }
  return score;
}

function best(links: Link[] | undefined, place: KubernetesPlace) {
  let found: { ref: string; score: number } | undefined;
  for (const link of links ?? []) {
    const score = fit(link, place);
    if (score !== undefined && (!found || score > found.score)) {
      found = { ref: link.ref, score };
    }
  }
  return found?.ref;
}

/**
 * The Kubernetes side of the entity index: `backstage.io/kubernetes-id`
 * (matched against workload labels and pod names),
 * `backstage.io/kubernetes-label-selector`, and `backstage.io/kubernetes-namespace`
 * (a constraint on the other two, or on its own a claim on the whole
 * namespace), each limited to `cloudops.ai/kubernetes-clusters` when given.
 * Where several entities claim a workload, the one whose namespace and
 * cluster the signal confirms wins (`checkout` in `shop` on `prod` over
 * `checkout` anywhere).
 */
export class KubernetesLinks {
  private readonly byId = new Map<string, Link[]>();
  private readonly selectors: Array<Link & { labels: Record<string, string> }> =
    [];
  private readonly byNamespace = new Map<string, Link[]>();

  add(ref: string, annotation: (name: string) => string | undefined) {
    const namespace = annotation(CLOUDOPS_ANNOTATIONS.kubernetesNamespace);
    const clusterList = annotation(CLOUDOPS_ANNOTATIONS.kubernetesClusters)
      ?.split(',')
      .map(c => c.trim())
      .filter(Boolean);
    const link: Link = {
      ref,
      namespace,
      clusters: clusterList?.length ? clusterList : undefined,
    };
    const id = annotation(CLOUDOPS_ANNOTATIONS.kubernetesId);
    const selector = annotation(CLOUDOPS_ANNOTATIONS.kubernetesLabelSelector);
    if (id) push(this.byId, id, link);
    if (selector) {
      this.selectors.push({ ...link, labels: parseSelector(selector) });
    }
    if (namespace && !id && !selector) push(this.byNamespace, namespace, link);
  }

  /** The entity a workload id, pod name or label selector points to. */
  resolveWorkload(place: KubernetesPlace): string | undefined {
    const { labels } = place;
    const ids = [
      ...WORKLOAD_LABELS.map(label => labels[label]),
      ...(labels.pod ? workloadsOfPod(labels.pod) : []),
      ...LAST_RESORT_LABELS.map(label => labels[label]),
    ];
    for (const id of ids) {
      const ref = id ? best(this.byId.get(id), place) : undefined;
      if (ref) return ref;
    }
    return best(
      this.selectors.filter(s => selectorMatches(s.labels, labels)),
      place,
    );
  }

  /** The entity that claims the signal's whole namespace. */
  resolveNamespace(place: KubernetesPlace): string | undefined {
    const namespace = place.labels.namespace;
    return namespace ? best(this.byNamespace.get(namespace), place) : undefined;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
