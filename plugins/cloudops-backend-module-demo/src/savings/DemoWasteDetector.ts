import {
  detectEbsOrphan,
  detectEc2Idle,
  detectEc2Rightsizing,
  detectEcsRightsizing,
  detectIdleLoadBalancer,
  detectIdleNode,
  detectIdleRds,
  detectKubernetesRequests,
  PriceList,
  WasteDetector,
  WasteDetectorContext,
  WasteFinding,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { DemoFleet } from '../fleet/DemoFleet';
import { FleetUsage } from '../fleet/FleetUsage';
import { HOUR_MS } from '../model/seasonality';

/** Simulated minutes read per hour of usage: every 15 minutes. */
const SAMPLES_PER_HOUR = 4;

/** The whole fleet's usage over the 14 days before one hour. */
async function readUsage(usage: FleetUsage, to: Date) {
  const window = { to, samplesPerStep: SAMPLES_PER_HOUR };
  return {
    ec2Instances: await usage.ec2Instances(window),
    ebsVolumes: usage.ebsVolumes(),
    rdsInstances: await usage.rdsInstances(window),
    loadBalancers: await usage.loadBalancers(window),
    ecsServices: await usage.ecsServices(window),
    kubernetesWorkloads: await usage.kubernetesWorkloads(window),
    kubernetesNodes: await usage.kubernetesNodes(window),
  };
}

/** A finding, with the catalog entity when the simulated resource has one. */
function found(
  finding: WasteFinding | undefined,
  entityRef: string | undefined,
): WasteFinding[] {
  if (!finding) return [];
  return [entityRef ? { ...finding, entityRef } : finding];
}

/**
 * The simulated fleet's usage and inventory through the engine's savings
 * path: per account (the shards), the idle, orphaned and oversized
 * resources the detection functions of `-node` find in the last 14 days of
 * simulated usage, priced by the engine's price book. Scenarios injected
 * in that time show in the usage as they did in the signals.
 */
export class DemoWasteDetector implements WasteDetector {
  readonly id = 'demo-fleet-savings';
  private readonly usage: FleetUsage;
  /** The last hour's usage, which every shard's run of that hour reads. */
  private read?: { hour: number; usage: ReturnType<typeof readUsage> };

  constructor(
    private readonly fleet: DemoFleet,
    readonly schedule: WasteDetector['schedule'],
  ) {
    this.usage = new FleetUsage(fleet);
  }

  async shards(): Promise<string[]> {
    return this.fleet.estate.accounts.map(a => a.id);
  }

  async detect(context: WasteDetectorContext): Promise<WasteFinding[]> {
    const account = context.shard;
    if (!this.fleet.estate.accounts.some(a => a.id === account)) {
      throw new Error(
        `The demo fleet has no account ${account}; its shards are ${(
          await this.shards()
        ).join(', ')}`,
      );
    }
    // Usage is simulated up to the fleet's clock, which may run behind the
    // wall, and read up to the hour, so that the shards share one reading.
    const hour =
      Math.floor(
        Math.min(context.now.getTime(), this.fleet.clock.now()) / HOUR_MS,
      ) * HOUR_MS;
    if (this.read?.hour !== hour) {
      const reading = readUsage(this.usage, new Date(hour));
      this.read = { hour, usage: reading };
      reading.catch(() => {
        if (this.read?.usage === reading) this.read = undefined;
      });
    }
    const usage = await this.read.usage;
    const now = new Date(hour);
    const { thresholds } = context;
    const priceCache = new Map<string, Promise<PriceList | undefined>>();
    const prices = (region: string) => {
      if (!priceCache.has(region))
        priceCache.set(region, context.prices(region, account));
      return priceCache.get(region)!;
    };
    const mine = <T extends { account: string }>(items: T[]) =>
      items.filter(item => item.account === account);
    const findings: WasteFinding[] = [];

    for (const instance of mine(usage.ec2Instances)) {
      if (instance.state !== 'running') continue;
      const list = await prices(instance.region);
      const idle = detectEc2Idle(instance, list, now, thresholds.ec2Idle);
      findings.push(
        ...found(
          idle ??
            detectEc2Rightsizing(
              { ...instance, cpu: instance.cpuPeak },
              list,
              now,
              thresholds.rightsizing,
            ),
          instance.entityRef,
        ),
      );
    }
    for (const volume of mine(usage.ebsVolumes)) {
      const finding = detectEbsOrphan(
        {
          ...volume,
          createTime: new Date(volume.createTime),
          lastDetachedAt: volume.lastDetachedAt
            ? new Date(volume.lastDetachedAt)
            : undefined,
        },
        await prices(volume.region),
        now,
        thresholds.ebsOrphan,
      );
      findings.push(...found(finding, undefined));
    }
    for (const db of mine(usage.rdsInstances)) {
      const finding = detectIdleRds(
        db,
        await prices(db.region),
        now,
        thresholds.rdsIdle,
      );
      findings.push(...found(finding, db.entityRef));
    }
    for (const lb of mine(usage.loadBalancers)) {
      const finding = detectIdleLoadBalancer(
        { ...lb, createdAt: new Date(lb.createdAt) },
        await prices(lb.region),
        now,
        thresholds.loadBalancerIdle,
      );
      findings.push(...found(finding, undefined));
    }
    for (const service of mine(usage.ecsServices)) {
      const finding = detectEcsRightsizing(
        service,
        await prices(service.region),
        now,
        thresholds.rightsizing,
      );
      findings.push(...found(finding, service.entityRef));
    }
    const { cluster } = this.fleet.estate;
    if (cluster.account !== account) return findings;
    // The cluster's workload requests and idle nodes.
    const list = await prices(cluster.region);
    if (list) {
      for (const workload of usage.kubernetesWorkloads) {
        const finding = detectKubernetesRequests(
          workload,
          list,
          now,
          thresholds.kubernetesRequests,
        );
        findings.push(...found(finding, workload.entityRef));
      }
    }
    for (const node of usage.kubernetesNodes) {
      const finding = detectIdleNode(
        node,
        list,
        now,
        thresholds.kubernetesIdleNode,
      );
      findings.push(...found(finding, undefined));
    }
    return findings;
  }
}
