import { Entity } from '@backstage/catalog-model';
import {
  CLOUDOPS_ANNOTATIONS,
  Signal,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  EntityInfo,
  parseSelector,
  selectorMatches,
  toEntityInfo,
} from './entityInfo';
import { KubernetesLinks } from './KubernetesLinks';

type Selector = {
  labels: Record<string, string>;
  ref: string;
  account?: string;
};

/**
 * Maps what a signal is about (an ARN, a Kubernetes workload, Prometheus
 * labels, AWS tags) to the catalog entity it belongs to, from the entities'
 * annotations.
 */
export class EntityIndex {
  private readonly byRef = new Map<string, EntityInfo>();
  private readonly byArn = new Map<string, string>();
  private readonly kubernetes = new KubernetesLinks();
  private readonly byAlertName = new Map<string, string>();
  private readonly labelSelectors: Selector[] = [];
  private readonly tagSelectors: Selector[] = [];

  static fromEntities(entities: Entity[]): EntityIndex {
    const index = new EntityIndex();
    entities.forEach(entity => index.add(toEntityInfo(entity)));
    // When several selectors match, the most specific wins (`job=api,env=prod`
    // over `job=api`); the sort is stable, so ties keep the catalog's order.
    for (const selectors of [index.labelSelectors, index.tagSelectors]) {
      selectors.sort(
        (a, b) => Object.keys(b.labels).length - Object.keys(a.labels).length,
      );
    }
    return index;
  }

  get size(): number {
    return this.byRef.size;
  }

  get(ref: string): EntityInfo | undefined {
    return this.byRef.get(ref);
  }

  /**
   * The entity the signal belongs to, if any annotation links it: its
   * entity ref, an ARN, a Kubernetes workload (id, pod, label selector, in
   * its namespace and cluster), Prometheus labels, an alert name, a
   * Kubernetes namespace, AWS tags.
   */
  resolve(
    signal: Pick<
      Signal,
      'entityRef' | 'resource' | 'labels' | 'name' | 'kind' | 'account'
    >,
  ): EntityInfo | undefined {
    const place = {
      labels: signal.labels,
      cluster: signal.labels.cluster ?? signal.account,
    };
    const ref =
      (signal.entityRef && this.byRef.has(signal.entityRef)
        ? signal.entityRef
        : undefined) ??
      (signal.resource ? this.byArn.get(signal.resource) : undefined) ??
      this.kubernetes.resolveWorkload(place) ??
      this.labelSelectors.find(s => selectorMatches(s.labels, signal.labels))
        ?.ref ??
      (signal.kind === 'alert'
        ? this.byAlertName.get(signal.name)
        : undefined) ??
      this.kubernetes.resolveNamespace(place) ??
      this.byTags(signal.labels, signal.account);
    return ref ? this.byRef.get(ref) : undefined;
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
    this.kubernetes.add(info.ref, annotation);
    const prometheusLabels = annotation(CLOUDOPS_ANNOTATIONS.prometheusLabels);
    if (prometheusLabels) {
      this.labelSelectors.push({
        labels: parseSelector(prometheusLabels),
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
