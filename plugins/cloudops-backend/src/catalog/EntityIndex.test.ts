import { EntityIndex } from './EntityIndex';
import { shopEntities } from '../__testUtils__/testEntities';

describe('EntityIndex', () => {
  const index = EntityIndex.fromEntities(shopEntities);
  const base = { kind: 'metric' as const, name: 'cpu', labels: {} };

  it('resolves each kind of link an annotation makes', () => {
    const resolve = (signal: Partial<Parameters<EntityIndex['resolve']>[0]>) =>
      index.resolve({ ...base, ...signal })?.ref;
    expect(resolve({ entityRef: 'component:default/web' })).toBe(
      'component:default/web',
    );
    expect(
      resolve({
        resource: 'arn:aws:rds:us-east-1:111111111111:db:payments-db-replica',
      }),
    ).toBe('resource:default/payments-db');
    expect(resolve({ labels: { 'app.kubernetes.io/name': 'checkout' } })).toBe(
      'component:default/checkout',
    );
    expect(
      resolve({
        labels: { label_backstage_io_kubernetes_id: 'web', app: 'checkout' },
      }),
    ).toBe('component:default/web');
    expect(
      resolve({ labels: { app: 'inventory', tier: 'backend', pod: 'x' } }),
    ).toBe('component:default/inventory');
    expect(resolve({ kind: 'alert', name: 'OrdersSlow' })).toBe(
      'component:default/orders',
    );
    expect(
      resolve({
        labels: { 'tag:service': 'payments' },
        account: '111111111111',
      }),
    ).toBe('component:default/payments');
  });

  it('does not link what no annotation names', () => {
    const resolve = (signal: Partial<Parameters<EntityIndex['resolve']>[0]>) =>
      index.resolve({ ...base, ...signal })?.ref;
    expect(
      resolve({ entityRef: 'component:default/not-in-catalog' }),
    ).toBeUndefined();
    expect(resolve({ labels: { app: 'inventory' } })).toBeUndefined();
    expect(resolve({ kind: 'metric', name: 'OrdersSlow' })).toBeUndefined();
    expect(
      resolve({
        labels: { 'tag:service': 'payments' },
        account: '222222222222',
      }),
    ).toBeUndefined();
  });

  it('picks the most specific selector when several match', () => {
    const component = (name: string, annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, annotations },
      spec: { type: 'service', owner: 'team-a' },
    });
    const selectors = EntityIndex.fromEntities([
      component('api-all', {
        'prometheus.io/labels': 'job=api',
        'cloudops.ai/aws-tags': 'service=api',
      }),
      component('api-prod', {
        'prometheus.io/labels': 'job=api,env=prod',
        'cloudops.ai/aws-tags': 'service=api,env=prod',
      }),
    ]);
    const resolve = (labels: Record<string, string>) =>
      selectors.resolve({ ...base, labels })?.ref;
    expect(resolve({ job: 'api', env: 'prod' })).toBe(
      'component:default/api-prod',
    );
    expect(resolve({ job: 'api', env: 'dev' })).toBe(
      'component:default/api-all',
    );
    expect(resolve({ 'tag:service': 'api', 'tag:env': 'prod' })).toBe(
      'component:default/api-prod',
    );
  });

  it('knows what the engine needs about an entity', () => {
    expect(index.get('component:default/checkout')).toMatchObject({
      kind: 'component',
      name: 'checkout',
      systemRef: 'system:default/shop',
      ownerRef: 'group:default/team-checkout',
      environment: 'production',
    });
    expect(index.size).toBe(shopEntities.length);
  });
});
