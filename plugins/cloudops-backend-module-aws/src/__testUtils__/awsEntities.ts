import { Entity } from '@backstage/catalog-model';
import { CLOUDOPS_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';

/** A component that owns AWS resources, as the catalog would hold it. */
export function awsComponent(
  name: string,
  arns: string[],
  fields: { owner?: string; annotations?: Record<string, string> } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [CLOUDOPS_ANNOTATIONS.awsResourceArns]: arns.join(','),
        ...fields.annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: fields.owner ?? 'team-a',
    },
  };
}
