import { Entity } from '@backstage/catalog-model';
import {
  CLOUDOPS_ANNOTATIONS,
  Signal,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { EntityInfo, parseSelector, toEntityInfo } from './entityInfo';

/** Signal labels that may carry a workload's Kubernetes id, in order of trust. */
const KUBERNETES_ID_LABELS = [
  'backstage.io/kubernetes-id',
  'label_backstage_io_kubernetes_id',
  'app.kubernetes.io/name',
  'label_app_kubernetes_io_name',
  'app',
  'deployment',
  'service',
  'job',
];

type Selector = {
  labels: Record<string, string>;
  ref: string;
  account?: string;
};

function selectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string>,
) {
  const pairs = Object.entries(selector);
  return pairs.length > 0 && pairs.every(([k, v]) => labels[k] === v);
}

/**
 * Maps what a signal is about (an ARN, a Kubernetes workload, Prometheus
 * labels, AWS tags) to the catalog entity it belongs to, from the entities'
 * annotations.
 */
export class EntityIndex {
  private readonly byRef = new Map<string, EntityInfo>();
  private readonly byArn = new Map<string, string>();
  private readonly byKubernetesId = new Map<string, string>();
  private readonly byAlertName = new Map<string, string>();
  private readonly labelSelectors: Selector[] = [];
  private readonly tagSelectors: Selector[] = [];

  static fromEntities(entities: Entity[]): EntityIndex {
    const index = new EntityIndex();
    entities.forEach(entity => index.add(toEntityInfo(entity)));
    return index;
  }

  get size(): number {
    return this.byRef.size;
  }

  get(ref: string): EntityInfo | undefined {
    return this.byRef.get(ref);
  }

  /** The entity the signal belongs to, if any annotation links it. */
  resolve(
    signal: Pick<
      Signal,
      'entityRef' | 'resource' | 'labels' | 'name' | 'kind' | 'account'
    >,
  ): EntityInfo | undefined {
    const ref =
      (signal.entityRef && this.byRef.has(signal.entityRef)
        ? signal.entityRef
        : undefined) ??
      (signal.resource ? this.byArn.get(signal.resource) : undefined) ??
      this.byKubernetesLabels(signal.labels) ??
      this.labelSelectors.find(s => selectorMatches(s.labels, signal.labels))
        ?.ref ??
      (signal.kind === 'alert'
        ? this.byAlertName.get(signal.name)
        : undefined) ??
      this.byTags(signal.labels, signal.account);
    return ref ? this.byRef.get(ref) : undefined;
  }

  private byKubernetesLabels(
    labels: Record<string, string>,
  ): string | undefined {
    for (const label of KUBERNETES_ID_LABELS) {
      const ref = labels[label] && this.byKubernetesId.get(labels[label]);
      if (ref) return ref;
    }
    return undefined;
  }

  /** AWS tags arrive as `tag:<key>` labels. */
  private byTags(
    labels: Record<string, string>,
    account?: string,
  ): string | undefined {
    return this.tagSelectors.find(
      s =>
        (!s.account || s.account === account) &&
        selectorMatches(
          Object.fromEntries(
            Object.entries(s.labels).map(([k, v]) => [`tag:${k}`, v]),
          ),
          labels,
        ),
    )?.ref;
  }

  private add(info: EntityInfo) {
    this.byRef.set(info.ref, info);
    const annotations = info.entity.metadata.annotations ?? {};
    const annotation = (name: string) => annotations[name]?.trim() || undefined;

    for (const arn of (
      annotation(CLOUDOPS_ANNOTATIONS.awsResourceArns) ?? ''
    ).split(',')) {
      if (arn.trim()) this.byArn.set(arn.trim(), info.ref);
    }
    const kubernetesId = annotation(CLOUDOPS_ANNOTATIONS.kubernetesId);
    if (kubernetesId) this.byKubernetesId.set(kubernetesId, info.ref);
    for (const name of [
      CLOUDOPS_ANNOTATIONS.kubernetesLabelSelector,
      CLOUDOPS_ANNOTATIONS.prometheusLabels,
    ]) {
      const selector = annotation(name);
      if (selector)
        this.labelSelectors.push({
          labels: parseSelector(selector),
          ref: info.ref,
        });
    }
    for (const alert of (
      annotation(CLOUDOPS_ANNOTATIONS.prometheusAlert) ?? ''
    ).split(',')) {
      if (alert.trim()) this.byAlertName.set(alert.trim(), info.ref);
    }
    const tags = annotation(CLOUDOPS_ANNOTATIONS.awsTags);
    if (tags) {
      this.tagSelectors.push({
        labels: parseSelector(tags),
        ref: info.ref,
        account: info.account,
      });
    }
  }
}
