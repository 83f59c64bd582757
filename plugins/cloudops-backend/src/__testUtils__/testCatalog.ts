import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { shopEntities } from './testEntities';

/** A catalog snapshot of the test estate, already read. */
export async function testCatalogSnapshot(): Promise<CatalogSnapshot> {
  const catalog = new CatalogSnapshot({
    catalog: catalogServiceMock({ entities: shopEntities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
  await catalog.refresh();
  return catalog;
}
