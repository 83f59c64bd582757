export { CostSavingsCard } from './CostSavingsCard';
export { EntityCostSavingsCard } from './EntityCostSavingsCard';
