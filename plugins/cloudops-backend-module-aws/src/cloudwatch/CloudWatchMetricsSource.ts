import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  CloudopsSignalSource,
  PartialPull,
  SignalInput,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccounts } from '../accounts/AwsAccounts';
import { AwsClients } from '../clients/AwsClients';
import { readAccounts } from '../shards/readAccounts';
import { MetricQueryPlan, PlannedQuery } from './MetricQueryPlan';
import { packQueries, periodWindow, readBatch } from './readMetricData';
import { EntityResources, ResourceCatalog } from './ResourceCatalog';

/** The detector id, as detector health shows it. */
export const METRICS_SOURCE_ID = 'aws-cloudwatch-metrics';

/**
 * The CloudWatch metrics source: on every run of an account shard, reads
 * what the rules' `query.cloudwatch` blocks ask for in each of the shard's
 * account-regions, with GetMetricData in calls of up to 500 queries per
 * period, over the last complete periods, and hands the datapoints over as
 * metric signals.
 */
export class CloudWatchMetricsSource {
  private plan?: {
    rules: readonly Rule[];
    entities?: EntityResources[];
    plan: MetricQueryPlan;
  };
  /** The window end last read per account-region-period, in this replica. */
  private readonly lastEnd = new Map<string, number>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly deps: {
      accounts: AwsAccounts;
      clients: AwsClients;
      catalog: ResourceCatalog;
      logger: LoggerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      lookbackPeriods: number;
      now?: () => number;
    },
  ) {}

  asSource(): CloudopsSignalSource {
    return {
      type: 'pull',
      id: METRICS_SOURCE_ID,
      schedule: this.deps.schedule,
      shards: ({ signal }) => this.deps.accounts.shards(signal),
      read: ({ shard, rules, signal }) => this.read(shard!, rules, signal),
    };
  }

  private warn(message: string) {
    if (!this.warned.has(message)) {
      this.warned.add(message);
      this.deps.logger.warn(message);
    }
  }

  /** The plan for these rules and the current catalog, rebuilt when either changes. */
  async planFor(rules: readonly Rule[]): Promise<MetricQueryPlan> {
    const entities = MetricQueryPlan.needsCatalog(rules)
      ? await this.deps.catalog.entities()
      : undefined;
    if (this.plan?.rules !== rules || this.plan.entities !== entities) {
      this.plan = {
        rules,
        entities,
        plan: new MetricQueryPlan(rules, entities ?? [], m => this.warn(m)),
      };
    }
    return this.plan.plan;
  }

  async read(
    shard: string,
    rules: readonly Rule[],
    signal?: AbortSignal,
  ): Promise<PartialPull> {
    const plan = await this.planFor(rules);
    if (plan.isEmpty) return { signals: [], problems: [] };
    const now = (this.deps.now ?? Date.now)();
    return readAccounts(
      this.deps.accounts.accountsOf(shard),
      (account, region) =>
        this.readAccountRegion(plan, account, region, now, signal),
    );
  }

  private async readAccountRegion(
    plan: MetricQueryPlan,
    account: string,
    region: string,
    now: number,
    signal?: AbortSignal,
  ): Promise<PartialPull> {
    const byPeriod = new Map<number, PlannedQuery[]>();
    for (const query of plan.queriesFor(account, region)) {
      const group = byPeriod.get(query.periodSeconds) ?? [];
      group.push(query);
      byPeriod.set(query.periodSeconds, group);
    }
    const signals: SignalInput[] = [];
    const failures: string[] = [];
    for (const [period, queries] of byPeriod) {
      const window = periodWindow(now, period, this.deps.lookbackPeriods);
      const key = `${account}|${region}|${period}`;
      // A period that has not ended since the last read has nothing new.
      if ((this.lastEnd.get(key) ?? 0) >= window.end.getTime()) continue;
      const results = await Promise.all(
        packQueries(queries).map(batch =>
          readBatch({ ...this.deps, account, region, batch, window, signal }),
        ),
      );
      for (const result of results) {
        signals.push(...result.signals);
        failures.push(...result.failures);
      }
      if (results.every(r => r.failures.length === 0)) {
        this.lastEnd.set(key, window.end.getTime());
      }
    }
    return {
      signals,
      problems: failures.length
        ? [
            `${account} ${region}: ${failures.length} CloudWatch ${
              failures.length === 1 ? 'query' : 'queries'
            } failed: ${failures.slice(0, 5).join('; ')}${
              failures.length > 5 ? '; …' : ''
            }`,
          ]
        : [],
    };
  }
}
