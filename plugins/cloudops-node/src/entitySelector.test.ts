import { Entity } from '@backstage/catalog-model';
import { compileEntitySelector } from './entitySelector';

function component(fields: {
  namespace?: string;
  spec?: Record<string, string>;
  annotations?: Record<string, string>;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout-service',
      namespace: fields.namespace,
      annotations: fields.annotations,
    },
    spec: fields.spec ?? {
      type: 'service',
      owner: 'team-checkout',
      system: 'shop',
    },
  };
}

describe('compileEntitySelector', () => {
  const entity = component({
    annotations: { 'cloudops.ai/environment': 'production' },
  });

  it('never matches without an entity', () => {
    expect(compileEntitySelector({})(undefined)).toBe(false);
    expect(compileEntitySelector({ kind: 'component' })(undefined)).toBe(false);
  });

  it('matches any entity when empty', () => {
    expect(compileEntitySelector({})(entity)).toBe(true);
  });

  it('compares the kind case-insensitively', () => {
    expect(compileEntitySelector({ kind: 'component' })(entity)).toBe(true);
    expect(compileEntitySelector({ kind: 'COMPONENT' })(entity)).toBe(true);
    expect(compileEntitySelector({ kind: 'resource' })(entity)).toBe(false);
  });

  it('compares spec.type', () => {
    expect(compileEntitySelector({ type: 'service' })(entity)).toBe(true);
    expect(compileEntitySelector({ type: 'website' })(entity)).toBe(false);
  });

  it('compares the system as a name or a ref', () => {
    expect(compileEntitySelector({ system: 'shop' })(entity)).toBe(true);
    expect(
      compileEntitySelector({ system: 'system:default/shop' })(entity),
    ).toBe(true);
    expect(compileEntitySelector({ system: 'billing' })(entity)).toBe(false);
    expect(
      compileEntitySelector({ system: 'shop' })(
        component({ spec: { system: 'system:default/shop' } }),
      ),
    ).toBe(true);
  });

  it('compares the owner as a name or a full ref', () => {
    expect(compileEntitySelector({ owner: 'team-checkout' })(entity)).toBe(
      true,
    );
    expect(
      compileEntitySelector({ owner: 'group:default/team-checkout' })(entity),
    ).toBe(true);
    expect(
      compileEntitySelector({ owner: 'user:default/team-checkout' })(entity),
    ).toBe(false);
    expect(compileEntitySelector({ owner: 'team-payments' })(entity)).toBe(
      false,
    );
    expect(
      compileEntitySelector({ owner: 'team-checkout' })(
        component({ spec: { owner: 'user:jane' } }),
      ),
    ).toBe(false);
    expect(
      compileEntitySelector({ owner: 'team-checkout' })(
        component({ spec: {} }),
      ),
    ).toBe(false);
  });

  it("reads names without a namespace in the entity's namespace", () => {
    const namespaced = component({
      namespace: 'ops',
      spec: { owner: 'team-checkout' },
    });
    expect(compileEntitySelector({ owner: 'team-checkout' })(namespaced)).toBe(
      true,
    );
    expect(
      compileEntitySelector({ owner: 'group:default/team-checkout' })(
        namespaced,
      ),
    ).toBe(false);
  });

  it('compares annotation values and presence', () => {
    const select = (
      annotations: Record<string, string | { exists: boolean }>,
    ) => compileEntitySelector({ annotations })(entity);
    expect(select({ 'cloudops.ai/environment': 'production' })).toBe(true);
    expect(select({ 'cloudops.ai/environment': 'staging' })).toBe(false);
    expect(select({ 'cloudops.ai/environment': { exists: true } })).toBe(true);
    expect(select({ 'cloudops.ai/runbook': { exists: true } })).toBe(false);
    expect(select({ 'cloudops.ai/runbook': { exists: false } })).toBe(true);
  });

  it('needs every field to hold', () => {
    const select = compileEntitySelector({
      kind: 'Component',
      type: 'service',
      system: 'shop',
      owner: 'team-checkout',
      annotations: { 'cloudops.ai/environment': 'production' },
    });
    expect(select(entity)).toBe(true);
    expect(select({ ...entity, kind: 'API' })).toBe(false);
  });
});
