import { invalid, required } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';

/** One day's cost of one group (a service, a tag value, …). */
export interface FakeCost {
  date: string;
  group?: string;
  amount: number;
}

/**
 * AWS Cost Explorer (JSON 1.1): GetCostAndUsage with DAILY or MONTHLY
 * granularity and an optional GroupBy, over daily costs seeded per account.
 */
export class FakeCostExplorer {
  private readonly costs = new Map<string, FakeCost[]>();

  addCosts(account: string, costs: FakeCost[]) {
    this.costs.set(account, [...(this.costs.get(account) ?? []), ...costs]);
  }

  readonly service = awsJsonService({
    signingName: 'ce',
    iamPrefix: 'ce',
    targetPrefix: 'AWSInsightsIndexService',
    version: '1.1',
    errorNamespace: 'com.amazonaws.costexplorer',
    codes: { throttling: 'LimitExceededException' },
    operations: {
      GetCostAndUsage: (input, context) => {
        const { Start, End } = required(input.TimePeriod, 'timePeriod');
        const granularity = required(input.Granularity, 'granularity');
        if (!['DAILY', 'MONTHLY'].includes(granularity)) {
          throw invalid(
            'ValidationException',
            `Granularity ${granularity} is not supported by the fake`,
          );
        }
        const metric: string = (input.Metrics ?? ['UnblendedCost'])[0];
        const grouped = (input.GroupBy ?? []).length > 0;
        const periods = new Map<string, Map<string, number>>();
        for (const cost of this.costs.get(context.accountId) ?? []) {
          if (cost.date < Start || cost.date >= End) continue;
          const period =
            granularity === 'DAILY' ? cost.date : `${cost.date.slice(0, 7)}-01`;
          const groups = periods.get(period) ?? new Map<string, number>();
          const key = grouped ? cost.group ?? 'Other' : '';
          groups.set(key, (groups.get(key) ?? 0) + cost.amount);
          periods.set(period, groups);
        }
        const amount = (n: number) => ({ Amount: n.toFixed(10), Unit: 'USD' });
        return {
          ResultsByTime: [...periods.keys()].sort().map(start => {
            const groups = periods.get(start)!;
            const end = new Date(`${start}T00:00:00Z`);
            if (granularity === 'DAILY') end.setUTCDate(end.getUTCDate() + 1);
            else end.setUTCMonth(end.getUTCMonth() + 1);
            return {
              TimePeriod: { Start: start, End: end.toISOString().slice(0, 10) },
              Total: grouped ? {} : { [metric]: amount(groups.get('') ?? 0) },
              Groups: grouped
                ? [...groups].map(([key, n]) => ({
                    Keys: [key],
                    Metrics: { [metric]: amount(n) },
                  }))
                : [],
              Estimated: false,
            };
          }),
        };
      },
    },
  });
}
