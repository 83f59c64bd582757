import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CostSavingsCard } from './CostSavingsCard';

/**
 * The cost-savings card of the entity page it is on.
 *
 * @public
 */
export function EntityCostSavingsCard() {
  const { entity } = useEntity();
  return <CostSavingsCard entityRef={stringifyEntityRef(entity)} />;
}
