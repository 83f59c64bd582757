import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CLOUDOPS_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';

/** What the engine needs to know about an entity. */
export interface EntityInfo {
  ref: string;
  kind: string;
  name: string;
  title?: string;
  systemRef?: string;
  ownerRef?: string;
  environment?: string;
  account?: string;
  entity: Entity;
}

/** A ref in canonical lower-case form; `defaultKind` fills a bare name. */
export function canonicalRef(ref: string, defaultKind?: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, defaultKind ? { defaultKind } : undefined),
  ).toLocaleLowerCase('en-US');
}

export function toEntityInfo(entity: Entity): EntityInfo {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const annotations = entity.metadata.annotations ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  const refIn = (value: unknown, kind: string) =>
    typeof value === 'string' && value
      ? canonicalRef(
          value.includes(':') || value.includes('/')
            ? value
            : `${kind}:${namespace}/${value}`,
          kind,
        )
      : undefined;
  return {
    ref: stringifyEntityRef(getCompoundEntityRef(entity)).toLocaleLowerCase(
      'en-US',
    ),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    name: entity.metadata.name,
    title: entity.metadata.title,
    systemRef:
      entity.kind.toLocaleLowerCase('en-US') === 'system'
        ? undefined
        : refIn(spec.system, 'system'),
    ownerRef: refIn(spec.owner, 'group'),
    environment: annotations[CLOUDOPS_ANNOTATIONS.environment],
    account: annotations[CLOUDOPS_ANNOTATIONS.awsAccountId],
    entity,
  };
}

/** `a=b,c=d` into `{a: 'b', c: 'd'}`; pairs without `=` are ignored. */
export function parseSelector(text: string): Record<string, string> {
  const selector: Record<string, string> = {};
  for (const part of text.split(',')) {
    const index = part.indexOf('=');
    if (index > 0) {
      selector[part.slice(0, index).trim()] = part.slice(index + 1).trim();
    }
  }
  return selector;
}

/** Whether `labels` hold every pair of a non-empty selector. */
export function selectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  const pairs = Object.entries(selector);
  return pairs.length > 0 && pairs.every(([k, v]) => labels[k] === v);
}
