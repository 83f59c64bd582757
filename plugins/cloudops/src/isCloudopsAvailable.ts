import { Entity } from '@backstage/catalog-model';
import { CLOUDOPS_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';

const linkingAnnotations = Object.values(CLOUDOPS_ANNOTATIONS);

/**
 * Whether CloudOps can link signals to this entity: it carries at least one of
 * the annotations that map cloud or cluster resources to it.
 *
 * @public
 */
export function isCloudopsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return linkingAnnotations.some(name => Boolean(annotations[name]));
}
