import { Entity } from '@backstage/catalog-model';

/** A catalog entity for tests, with the relations the catalog would compute. */
export function testEntity(
  ref: string,
  options: {
    dependsOn?: string[];
    consumesApis?: string[];
    providesApis?: string[];
    apiProvidedBy?: string[];
    annotations?: Record<string, string>;
    system?: string;
    owner?: string;
  } = {},
): Entity {
  const [kind, rest] = ref.split(':');
  const name = rest.split('/').pop()!;
  const relations = [
    ...(options.dependsOn ?? []).map(t => ({
      type: 'dependsOn',
      targetRef: t,
    })),
    ...(options.consumesApis ?? []).map(t => ({
      type: 'consumesApi',
      targetRef: t,
    })),
    ...(options.providesApis ?? []).map(t => ({
      type: 'providesApi',
      targetRef: t,
    })),
    ...(options.apiProvidedBy ?? []).map(t => ({
      type: 'apiProvidedBy',
      targetRef: t,
    })),
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind[0].toUpperCase() + kind.slice(1),
    metadata: {
      name,
      namespace: 'default',
      annotations: options.annotations ?? {},
    },
    spec: {
      type: 'service',
      owner: options.owner ?? 'team-a',
      system: options.system ?? 'shop',
    },
    relations,
  };
}

/**
 * web → checkout → payments → payments-db, checkout → orders (through the
 * orders API); inventory stands alone.
 */
export const shopEntities: Entity[] = [
  testEntity('component:default/web', {
    dependsOn: ['component:default/checkout'],
    annotations: { 'backstage.io/kubernetes-id': 'web' },
  }),
  testEntity('component:default/checkout', {
    dependsOn: ['component:default/payments'],
    consumesApis: ['api:default/orders-api'],
    annotations: {
      'backstage.io/kubernetes-id': 'checkout',
      'cloudops.ai/environment': 'production',
    },
    owner: 'team-checkout',
  }),
  testEntity('component:default/payments', {
    dependsOn: ['resource:default/payments-db'],
    annotations: {
      'cloudops.ai/aws-tags': 'service=payments',
      'cloudops.ai/aws-account-id': '111111111111',
    },
  }),
  testEntity('resource:default/payments-db', {
    annotations: {
      'cloudops.ai/aws-resource-arns':
        'arn:aws:rds:us-east-1:111111111111:db:payments-db, arn:aws:rds:us-east-1:111111111111:db:payments-db-replica',
    },
  }),
  testEntity('component:default/orders', {
    providesApis: ['api:default/orders-api'],
    annotations: { 'prometheus.io/alert': 'OrdersBacklog,OrdersSlow' },
  }),
  testEntity('api:default/orders-api', {
    apiProvidedBy: ['component:default/orders'],
  }),
  testEntity('component:default/inventory', {
    annotations: {
      'backstage.io/kubernetes-label-selector': 'app=inventory,tier=backend',
    },
    system: 'warehouse',
  }),
];
