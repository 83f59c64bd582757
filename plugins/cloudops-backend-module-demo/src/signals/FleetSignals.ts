import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DemoEstate, DemoService, nameOf } from '../estate/types';
import { deploysBetween } from '../model/deploys';
import { FleetModel } from '../model/FleetModel';
import { sampleOf, STEP_MS } from '../model/seasonality';
import { AlertDefinition, alertFiring, fleetAlerts } from './fleetAlerts';
import {
  awsShard,
  fleetSeries,
  kubernetesShard,
  MetricSeries,
  SeriesIdentity,
  Shard,
} from './fleetSeries';

const iso = (t: number) => new Date(t).toISOString();

function signalOf(
  identity: SeriesIdentity,
  t: number,
  fields: Pick<SignalInput, 'kind'> & Partial<SignalInput>,
): SignalInput {
  return {
    source: identity.source,
    name: identity.name,
    account: identity.account,
    region: identity.region,
    resource: identity.resource,
    labels: identity.labels,
    timestamp: iso(t),
    ...fields,
  };
}

/**
 * The signals of the simulated fleet, shard by shard (the cluster's
 * Prometheus and Alertmanager, each account's CloudWatch and EventBridge):
 * metric datapoints every minute, alerts when they fire and resolve, and
 * deployments as change events.
 */
export class FleetSignals {
  readonly series: MetricSeries[];
  readonly alerts: AlertDefinition[];

  constructor(readonly estate: DemoEstate) {
    this.series = fleetSeries(estate);
    this.alerts = fleetAlerts(estate, this.series);
  }

  /** The shards: the cluster, then each account. */
  shards(): Shard[] {
    return [
      kubernetesShard(this.estate.cluster.name),
      ...this.estate.accounts.map(a => awsShard(a.id)),
    ];
  }

  /**
   * The signals of `shard` in (from, to], oldest first. `metricsFrom` may
   * start a series later than `from` (a shorter history for series no
   * detector needs to learn).
   */
  between(
    model: FleetModel,
    shard: Shard,
    from: number,
    to: number,
    metricsFrom: (series: MetricSeries) => number = () => from,
  ): SignalInput[] {
    const series = this.series
      .filter(s => s.shard === shard)
      .map(s => ({ s, from: Math.max(from, metricsFrom(s)) }));
    const alerts = this.alerts.filter(a => a.shard === shard);
    const firing = new Map<AlertDefinition, boolean>();
    const first = sampleOf(from) + STEP_MS;
    for (const alert of alerts) {
      firing.set(alert, alertFiring(alert, model, first - STEP_MS));
    }
    const events = this.events(model, shard, from, to);
    const signals: SignalInput[] = [];
    for (let t = first; t <= to; t += STEP_MS) {
      while (events.length && Date.parse(events[0].timestamp) <= t) {
        signals.push(events.shift()!);
      }
      for (const { s, from: start } of series) {
        if (t <= start) continue;
        const value = s.value(model, t);
        if (value !== undefined && Number.isFinite(value)) {
          signals.push(
            signalOf(s.identity, t, { kind: 'metric', value: round(value) }),
          );
        }
      }
      for (const alert of alerts) {
        const now = alertFiring(alert, model, t);
        if (now !== firing.get(alert)) {
          firing.set(alert, now);
          signals.push(
            signalOf(alert.identity, t, {
              kind: 'alert',
              status: now ? 'firing' : 'resolved',
              message: alert.message,
            }),
          );
        }
      }
    }
    signals.push(...events);
    return signals;
  }

  /** Deployments in (from, to], oldest first: routine ones and bad releases. */
  events(
    model: FleetModel,
    shard: Shard,
    from: number,
    to: number,
  ): SignalInput[] {
    const found: Array<{ service: DemoService; at: number; version: string }> =
      [];
    for (const service of this.estate.services) {
      if (this.deployShard(service) !== shard) continue;
      found.push(
        ...deploysBetween(service, from, to).map(d => ({ ...d, service })),
      );
      for (const scenario of model.scenarios) {
        if (
          scenario.kind === 'bad-deploy' &&
          scenario.target === service.ref &&
          scenario.startedAt > from &&
          scenario.startedAt <= to
        ) {
          found.push({
            service,
            at: scenario.startedAt,
            version: `${iso(scenario.startedAt)
              .slice(0, 10)
              .replace(/-/g, '.')}-rc.${scenario.id.slice(0, 4)}`,
          });
        }
      }
    }
    return found
      .sort((a, b) => a.at - b.at)
      .map(d => this.deployEvent(d.service, d.at, d.version));
  }

  private deployShard(service: DemoService): Shard | undefined {
    if (service.runtime.type === 'kubernetes') {
      return kubernetesShard(this.estate.cluster.name);
    }
    return service.runtime.type === 'ecs'
      ? awsShard(service.account)
      : undefined;
  }

  private deployEvent(
    service: DemoService,
    at: number,
    version: string,
  ): SignalInput {
    const name = nameOf(service.ref);
    if (service.runtime.type === 'kubernetes') {
      const cluster = this.estate.cluster.name;
      return {
        source: 'argocd',
        kind: 'event',
        name: 'Deployment',
        timestamp: iso(at),
        account: cluster,
        labels: {
          cluster,
          namespace: service.runtime.namespace,
          app: name,
          deployment: name,
          revision: version,
        },
        message: `Synced ${service.runtime.namespace}/${name} to ${name}:${version} (rolling update)`,
      };
    }
    const account = this.estate.accounts.find(a => a.id === service.account)!;
    const arn = service.runtime.type === 'ecs' ? service.runtime.arn : '';
    return {
      source: 'eventbridge',
      kind: 'event',
      name: 'Deployment',
      timestamp: iso(at),
      account: account.id,
      region: arn.split(':')[3] || account.region,
      resource: arn,
      labels: { tool: 'ecs', state: 'succeeded', revision: version },
      message: `ECS deployment of ${name}:${version}: SERVICE_DEPLOYMENT_COMPLETED`,
    };
  }
}

/** Six significant digits: what a real exporter sends, and no float noise. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}
