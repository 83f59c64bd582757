import {
  DAY_MS,
  detectHpaWaste,
  detectKubernetesRequests,
  PostChangeObservation,
  WasteDetector,
  WasteDetectorContext,
  WasteFinding,
  WasteObservationContext,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { WasteOptions } from '../config';
import { key } from '../kubernetes/KubernetesUsage';
import { PrometheusClusters } from '../prometheus/PrometheusClusters';
import { clusterPrices } from './clusterPrices';
import { readNodeLabels } from './nodeLabels';
import { observeWorkloads } from './observeWorkloads';
import { readScaling } from './readScaling';
import { readWorkloads } from './readWorkloads';
import { observationLookbackMs } from './observationLookback';
import { wasteSchedule } from './wasteSchedule';

/**
 * Kubernetes workloads, one shard per cluster: containers whose requests
 * are above the VPA recommender's target (p90 usage + 15%, at least 25m CPU
 * and 250 MiB, over 8 days by default) and Deployments and StatefulSets
 * with no HPA or an HPA whose minimum equals its maximum. Usage comes from
 * cAdvisor series, requests, replicas and HPAs from kube-state-metrics.
 */
export class KubernetesWorkloadsDetector implements WasteDetector {
  readonly id = 'kubernetes-workloads';
  readonly schedule;

  constructor(
    private readonly clusters: PrometheusClusters,
    private readonly options: WasteOptions,
  ) {
    this.schedule = wasteSchedule(options);
  }

  async shards(): Promise<string[]> {
    return this.clusters.names();
  }

  async detect(context: WasteDetectorContext): Promise<WasteFinding[]> {
    const { shard, now, thresholds } = context;
    const lookbackDays = thresholds.kubernetesRequests.lookbackDays;
    const { prices, workloads, scaling } = await this.read(
      context,
      lookbackDays * DAY_MS,
    );

    const findings: WasteFinding[] = [];
    for (const workload of workloads) {
      const base = {
        cluster: shard!,
        namespace: workload.namespace,
        workloadName: workload.name,
        nodeInstanceType: workload.nodeInstanceType,
      };
      for (const [name, container] of workload.containers) {
        const finding = detectKubernetesRequests(
          {
            ...base,
            workloadKind: workload.kind,
            container: name,
            replicas: workload.pods.length,
            ...container,
          },
          prices,
          now,
          thresholds.kubernetesRequests,
        );
        if (finding) findings.push(finding);
      }
      if (workload.kind !== 'Deployment' && workload.kind !== 'StatefulSet') {
        continue;
      }
      const scale = scaling.get(
        key(workload.namespace, workload.kind, workload.name),
      );
      const containers = [...workload.containers.values()];
      const hpa = detectHpaWaste(
        {
          ...base,
          workloadKind: workload.kind,
          replicas: scale?.replicas ?? workload.pods.length,
          hpa: scale?.hpa,
          podCpuRequestCores: containers.reduce(
            (sum, c) => sum + (c.cpuRequestCores ?? 0),
            0,
          ),
          podMemoryRequestBytes: containers.reduce(
            (sum, c) => sum + (c.memoryRequestBytes ?? 0),
            0,
          ),
          cpu: workload.cpuTotal,
        },
        prices,
        now,
        thresholds.kubernetesHpa,
        lookbackDays,
      );
      if (hpa) findings.push(hpa);
    }
    return findings;
  }

  /** Measures merged changes: requests now in place, their cost and how busy they are. */
  async observe(
    context: WasteObservationContext,
  ): Promise<PostChangeObservation[]> {
    if (context.opportunities.length === 0) return [];
    const { prices, workloads, scaling } = await this.read(
      context,
      observationLookbackMs(context, this.options.stepMs),
    );
    return observeWorkloads(context, workloads, scaling, prices);
  }

  /** The cluster's workloads over the look-back, their scaling and its prices. */
  private async read(context: WasteDetectorContext, lookbackMs: number) {
    const { shard, signal, now } = context;
    if (!shard) throw new Error(`${this.id} runs per cluster shard`);
    const client = this.clusters.client(shard);
    const { stepMs } = this.options;
    const end = Math.floor(now.getTime() / stepMs) * stepMs;
    const nodes = await readNodeLabels(client, shard, end, signal);
    const prices = await clusterPrices(context, this.clusters, shard, nodes);
    const [workloads, scaling] = await Promise.all([
      readWorkloads(client, nodes, { end, lookbackMs, stepMs, signal }),
      readScaling(client, end, signal),
    ]);
    return { prices, workloads, scaling };
  }
}
