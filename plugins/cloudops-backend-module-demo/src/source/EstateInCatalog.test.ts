import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { DEMO_ESTATE } from '../estate/estate';
import { EstateInCatalog } from './EstateInCatalog';

function entityOf(ref: string): Entity {
  const [kind, rest] = ref.split(':');
  const name = rest.split('/')[1];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind === 'component' ? 'Component' : 'Resource',
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

const refs = DEMO_ESTATE.services.map(s => s.ref);

function setup(entities: Entity[]) {
  let now = 1_000_000;
  const logger = mockServices.logger.mock();
  const readiness = new EstateInCatalog({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger,
    estate: DEMO_ESTATE,
    settleMs: 15_000,
    maxWaitMs: 300_000,
    now: () => now,
  });
  return {
    readiness,
    logger,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('EstateInCatalog', () => {
  it('waits for every entity, then for the entity index, then lets signals through', async () => {
    const { readiness, advance } = setup([entityOf(refs[0])]);
    await expect(readiness.check()).rejects.toThrow(
      `Waiting for the catalog to list the demo estate: 1 of ${refs.length} entities so far`,
    );
    const full = setup(refs.map(entityOf));
    await expect(full.readiness.check()).rejects.toThrow(
      'The catalog lists the demo estate; waiting 15 s more for the entity index to include it',
    );
    full.advance(15_000);
    await expect(full.readiness.check()).resolves.toBeUndefined();
    // The partial catalog still holds back after a minute.
    advance(60_000);
    await expect(readiness.check()).rejects.toThrow(/1 of/);
  });

  it('goes on with what the catalog has after the longest wait, and says so', async () => {
    const { readiness, advance, logger } = setup([]);
    await expect(readiness.check()).rejects.toThrow(/0 of/);
    advance(300_000);
    await expect(readiness.check()).rejects.toThrow(/waiting 15 s more/);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `lists 0 of the demo estate's ${refs.length} entities`,
      ),
    );
    advance(15_000);
    await expect(readiness.check()).resolves.toBeUndefined();
  });
});
