import { Entity } from '@backstage/catalog-model';
import {
  cloudwatchPeriodSeconds,
  CloudWatchMetricQuery,
  Rule,
  Signal,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  compileEntitySelector,
  compileSignalMatch,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { ArnResource, resourceDimensionNames } from './arnDimensions';
import { EntityResources } from './ResourceCatalog';

/** One metric and statistic of a query, with dimensions resolved. */
export interface MetricStatSpec {
  id: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  stat: string;
}

/** One series to read: a metric, or an expression over metrics. */
export interface PlannedQuery {
  periodSeconds: number;
  metrics: MetricStatSpec[];
  expression?: string;
  /** What its datapoints become. */
  signal: {
    name: string;
    labels: Record<string, string>;
    resource?: string;
    entityRef?: string;
  };
}

/** Everything a rule asks for, before it is placed in accounts and regions. */
interface RuleQueries {
  /** The query before it is placed (its identity across rules). */
  base: PlannedQuery;
  /** Queries tied to a resource's account and region. */
  placed: Array<{ account: string; region: string; query: PlannedQuery }>;
  /** Queries for every account and region the rule's match allows. */
  everywhere: PlannedQuery[];
}

const DEFAULT_PERIOD = '1m';
const DEFAULT_STAT = 'Average';

function spec(id: string, metric: CloudWatchMetricQuery): MetricStatSpec {
  return {
    id,
    namespace: metric.namespace,
    metric: metric.metric,
    dimensions: { ...metric.dimensions },
    stat: metric.stat ?? DEFAULT_STAT,
  };
}

/** Whether a metric leaves out its namespace's resource dimension. */
function expandable(metric: MetricStatSpec): boolean {
  const names = resourceDimensionNames(metric.namespace);
  return (
    names.size > 0 && !Object.keys(metric.dimensions).some(n => names.has(n))
  );
}

function queriesOf(
  rule: Rule,
  entities: EntityResources[],
  warn: (message: string) => void,
): RuleQueries | undefined {
  const q = rule.query?.cloudwatch;
  if (!q) return undefined;
  const periodSeconds = cloudwatchPeriodSeconds(q.period ?? DEFAULT_PERIOD)!;
  const metrics = q.expression
    ? Object.entries(q.metrics ?? {}).map(([id, m]) => spec(id, m))
    : [spec('m', q as CloudWatchMetricQuery)];
  const name = q.name ?? (q.expression ? rule.id : q.metric!);
  const base: PlannedQuery = {
    periodSeconds,
    metrics,
    expression: q.expression,
    signal: {
      name,
      labels: q.expression
        ? { expression: q.expression, period: String(periodSeconds) }
        : {
            namespace: metrics[0].namespace,
            stat: metrics[0].stat,
            period: String(periodSeconds),
            ...metrics[0].dimensions,
          },
    },
  };
  const namespaces = new Set(metrics.filter(expandable).map(m => m.namespace));
  if (namespaces.size === 0) {
    return { base, placed: [], everywhere: [base] };
  }
  if (namespaces.size > 1) {
    warn(
      `Rule ${
        rule.id
      }: query.cloudwatch leaves out the resource dimensions of several namespaces (${[
        ...namespaces,
      ].join(', ')}); give them, or use metrics of one namespace`,
    );
    return undefined;
  }
  const [namespace] = namespaces;
  const selects = rule.match.entity
    ? compileEntitySelector(rule.match.entity)
    : () => true;
  const placed: RuleQueries['placed'] = [];
  for (const { entity, ref, resources } of entities) {
    if (!selects(entity as Entity)) continue;
    for (const resource of resources) {
      if (resource.namespace !== namespace) continue;
      placed.push({
        account: resource.account,
        region: resource.region,
        query: forResource(base, resource, ref),
      });
    }
  }
  return { base, placed, everywhere: [] };
}

function forResource(
  base: PlannedQuery,
  resource: ArnResource,
  entityRef: string,
): PlannedQuery {
  return {
    ...base,
    metrics: base.metrics.map(m =>
      m.namespace === resource.namespace && expandable(m)
        ? { ...m, dimensions: { ...m.dimensions, ...resource.dimensions } }
        : m,
    ),
    signal: {
      ...base.signal,
      labels: { ...base.signal.labels, ...resource.dimensions },
      resource: resource.arn,
      entityRef,
    },
  };
}

/**
 * What to read from CloudWatch in each account and region: every rule's
 * `query.cloudwatch`, placed in the accounts and regions its `match` allows
 * (checked against a signal the query would produce), and, where the query
 * leaves out the namespace's resource dimension, once per matching catalog
 * resource in that resource's account and region. A series several rules
 * want is read once.
 */
export class MetricQueryPlan {
  private readonly everywhere: Array<{
    queries: PlannedQuery[];
    matches: (signal: Signal) => boolean;
  }> = [];
  private readonly placed = new Map<string, PlannedQuery[]>();
  private readonly empty: boolean;

  constructor(
    rules: readonly Rule[],
    entities: EntityResources[],
    warn: (message: string) => void,
  ) {
    // Rules asking for the same query share its index; a placed query is
    // the same series as another when their index and resource are.
    const bases = new Map<string, number>();
    const seen = new Set<string>();
    let planned = 0;
    for (const rule of rules) {
      const queries = queriesOf(rule, entities, warn);
      if (!queries) continue;
      planned += 1;
      const matches = compileSignalMatch(rule.match);
      const baseKey = JSON.stringify(queries.base);
      const base = bases.get(baseKey) ?? bases.size;
      bases.set(baseKey, base);
      for (const { account, region, query } of queries.placed) {
        const id = `${base}|${query.signal.resource}`;
        if (seen.has(id) || !matches(this.prototype(account, region, query))) {
          continue;
        }
        seen.add(id);
        const key = `${account}|${region}`;
        const list = this.placed.get(key) ?? [];
        list.push(query);
        this.placed.set(key, list);
      }
      if (queries.everywhere.length > 0) {
        this.everywhere.push({ queries: queries.everywhere, matches });
      }
    }
    this.empty = planned === 0;
  }

  /** Whether any rule asks for CloudWatch metrics at all. */
  get isEmpty(): boolean {
    return this.empty;
  }

  /** Whether some rule needs the catalog's resources. */
  static needsCatalog(rules: readonly Rule[]): boolean {
    return rules.some(rule => {
      const q = rule.query?.cloudwatch;
      if (!q) return false;
      const metrics = q.expression
        ? Object.entries(q.metrics ?? {}).map(([id, m]) => spec(id, m))
        : [spec('m', q as CloudWatchMetricQuery)];
      return metrics.some(expandable);
    });
  }

  private prototype(
    account: string,
    region: string,
    query: PlannedQuery,
  ): Signal {
    return {
      source: 'cloudwatch',
      kind: 'metric',
      name: query.signal.name,
      timestamp: new Date(0).toISOString(),
      account,
      region,
      resource: query.signal.resource,
      labels: query.signal.labels,
      fingerprint: '',
    };
  }

  /** The distinct queries to read in one account and region. */
  queriesFor(account: string, region: string): PlannedQuery[] {
    const everywhere = new Map<string, PlannedQuery>();
    for (const { queries, matches } of this.everywhere) {
      for (const query of queries) {
        if (matches(this.prototype(account, region, query))) {
          everywhere.set(JSON.stringify(query), query);
        }
      }
    }
    return [
      ...(this.placed.get(`${account}|${region}`) ?? []),
      ...everywhere.values(),
    ];
  }
}
