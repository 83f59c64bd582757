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
