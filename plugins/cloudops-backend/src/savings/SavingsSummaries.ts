import {
  OPEN_OPPORTUNITY_STATES,
  SavingsSummary,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { OpportunityFilter } from '../database/OpportunityStore';

const DAY_MS = 86_400_000;

/** Which opportunities belong to an entity: a system's, a team's, or its own. */
export function filterForEntity(entityRef?: string): OpportunityFilter {
  if (!entityRef) return {};
  if (entityRef.startsWith('system:')) return { systemRef: entityRef };
  if (entityRef.startsWith('group:')) return { ownerRef: entityRef };
  return { entityRef };
}

/** The start of each of the last `periods` weeks (Mondays) or months, UTC, oldest first. */
export function periodStarts(
  now: Date,
  bucket: 'week' | 'month',
  periods: number,
): number[] {
  if (bucket === 'month') {
    return Array.from({ length: periods }, (_, i) =>
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (periods - 1 - i), 1),
    );
  }
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  return Array.from(
    { length: periods },
    (_, i) => monday - (periods - 1 - i) * 7 * DAY_MS,
  );
}

/** Savings per entity for the cost card: potential, realized, top, series. */
export class SavingsSummaries {
  constructor(
    private readonly database: CloudopsDatabase,
    private readonly options: { currency: string; readOnly: boolean },
  ) {}

  async summary(query: {
    entityRef?: string;
    bucket: 'week' | 'month';
    periods: number;
    top: number;
    now?: Date;
  }): Promise<SavingsSummary> {
    const now = query.now ?? new Date();
    const filter = {
      ...filterForEntity(query.entityRef),
      currency: this.options.currency,
    };
    const store = this.database.stores.opportunities;
    const starts = periodStarts(now, query.bucket, query.periods);
    const [totals, top, days] = await Promise.all([
      store.totals(filter),
      query.top > 0
        ? store.list(
            { ...filter, state: [...OPEN_OPPORTUNITY_STATES] },
            { limit: query.top, offset: 0, sort: 'savings' },
          )
        : undefined,
      store.savingsByDay(
        filter,
        new Date(starts[0]),
        new Date(now.getTime() + DAY_MS),
      ),
    ]);
    return {
      entityRef: query.entityRef,
      currency: this.options.currency,
      potentialMonthlySavings: totals.potentialMonthlySavings,
      openCount: totals.openCount,
      realizedToDate: totals.realizedToDate,
      realizedMonthly: totals.realizedMonthly,
      topOpportunities: top?.items ?? [],
      realizedSeries: starts.map((start, i) => ({
        periodStart: new Date(start).toISOString(),
        amount: days
          .filter(d => d.day >= start && d.day < (starts[i + 1] ?? Infinity))
          .reduce((s, d) => s + d.amount, 0),
      })),
      readOnly: this.options.readOnly,
    };
  }
}
