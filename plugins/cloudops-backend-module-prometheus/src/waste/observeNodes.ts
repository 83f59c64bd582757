import {
  consolidationDisabled,
  HOURS_PER_MONTH,
  KarpenterNodePool,
  KubernetesNodeUsage,
  PostChangeObservation,
  PriceList,
  WasteObservationContext,
} from '@cloudops-ai/backstage-plugin-cloudops-node';

/**
 * The post-change measurement of node opportunities:
 * - an idle node is removed when it is no longer in the cluster; it costs
 *   its price (as detected) for the part of the window it still ran;
 * - a NodePool consolidates when its disruption settings no longer turn
 *   consolidation off; it costs its nodes' prices over the window.
 */
export function observeNodes(
  context: WasteObservationContext,
  nodes: { present: KubernetesNodeUsage[]; gone: KubernetesNodeUsage[] },
  pools: KarpenterNodePool[],
  prices: PriceList,
): PostChangeObservation[] {
  const windowEnd = context.now;
  const to = windowEnd.getTime();
  const monthsOf = (ms: number) =>
    Math.max(0, ms) / 3_600_000 / HOURS_PER_MONTH;
  return context.opportunities.map(opportunity => {
    const from = opportunity.observeFrom.getTime();
    const base = {
      opportunityId: opportunity.id,
      windowStart: opportunity.observeFrom,
      windowEnd,
      costSource: 'usage-x-price',
    };
    const params = opportunity.remediation.parameters;
    if (opportunity.kind === 'karpenter-consolidation') {
      const pool = pools.find(p => p.name === params.nodePool);
      if (!pool) return { ...base, applied: true, actualCost: 0 };
      const monthly = pool.nodes.reduce(
        (sum, n) => sum + prices.kubernetesNodeMonthly(n).monthly,
        0,
      );
      return {
        ...base,
        applied: consolidationDisabled(pool) === undefined,
        actualCost: monthly * monthsOf(to - from),
      };
    }
    const present = nodes.present.some(n => n.node === params.node);
    const gone = nodes.gone.find(n => n.node === params.node);
    const lastSeen = gone?.cpu[gone.cpu.length - 1]?.timestamp ?? from;
    const ranMs = present ? to - from : lastSeen - from;
    return {
      ...base,
      applied: !present,
      actualCost: opportunity.current.monthlyCost * monthsOf(ranMs),
    };
  });
}
