import {
  HOURS_PER_MONTH,
  percentile,
  PostChangeObservation,
  PriceList,
  WasteObservationContext,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { key } from '../kubernetes/KubernetesUsage';
import { WorkloadScaling } from './readScaling';
import { ContainerSeries, WorkloadSeries } from './readWorkloads';

const GIB = 2 ** 30;
const MIB = 2 ** 20;
/** A request at most this much above the recommendation counts as applied. */
const TOLERANCE = 1.01;

/** The suffixes the detection functions write requests with. */
const SUFFIXES: Record<'cores' | 'bytes', Record<string, number>> = {
  cores: { '': 1, m: 1 / 1000 },
  bytes: { '': 1, Mi: MIB, Gi: GIB },
};

/** `250m` or `1.5` cores; `690Mi` bytes; undefined when absent or unreadable. */
function quantity(value: unknown, unit: 'cores' | 'bytes'): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(value);
  const factor = m ? SUFFIXES[unit][m[2]] : undefined;
  return factor === undefined ? undefined : Number(m![1]) * factor;
}

const pointsIn = (points: ContainerSeries['cpu'], from: number, to: number) =>
  points.filter(p => p.timestamp >= from && p.timestamp <= to);

/**
 * The post-change measurement of workload opportunities (requests and HPA):
 * whether the workload now runs with the recommended requests (or an HPA
 * that can scale), what its requests cost over the window at its nodes'
 * prices, and how busy the new requests were (CPU p99 and memory peak over
 * the request). A workload that no longer runs costs nothing.
 */
export function observeWorkloads(
  context: WasteObservationContext,
  workloads: WorkloadSeries[],
  scaling: Map<string, WorkloadScaling>,
  prices: PriceList,
): PostChangeObservation[] {
  const windowEnd = context.now;
  const byId = new Map(
    workloads.map(w => [key(w.namespace, w.kind, w.name), w]),
  );
  return context.opportunities.map(opportunity => {
    const params = opportunity.remediation.parameters;
    const workload = byId.get(
      key(
        String(params.namespace),
        String(params.workloadKind),
        String(params.workloadName),
      ),
    );
    const from = opportunity.observeFrom.getTime();
    const to = windowEnd.getTime();
    const base = {
      opportunityId: opportunity.id,
      windowStart: opportunity.observeFrom,
      windowEnd,
      costSource: 'usage-x-price',
    };
    if (!workload) return { ...base, applied: true, actualCost: 0 };

    const hours = (to - from) / 3_600_000;
    const unit = prices.kubernetesUnitMonthly(workload.nodeInstanceType);
    const monthly = (cpu = 0, memory = 0) =>
      cpu * unit.cpuCore + (memory / GIB) * unit.memoryGiB;
    const containers = [...workload.containers.values()];
    const replicas = workload.pods.length;

    if (opportunity.kind === 'kubernetes-hpa') {
      const hpa = scaling.get(
        key(workload.namespace, workload.kind, workload.name),
      )?.hpa;
      const podCpu = containers.reduce(
        (s, c) => s + (c.cpuRequestCores ?? 0),
        0,
      );
      const podMemory = containers.reduce(
        (s, c) => s + (c.memoryRequestBytes ?? 0),
        0,
      );
      const cpu = pointsIn(workload.cpuTotal, from, to).map(p => p.value);
      const requested = replicas * podCpu;
      return {
        ...base,
        applied: hpa !== undefined && hpa.minReplicas < hpa.maxReplicas,
        actualCost:
          (replicas * monthly(podCpu, podMemory) * hours) / HOURS_PER_MONTH,
        peakUtilization:
          cpu.length && requested > 0
            ? percentile(cpu, 99)! / requested
            : undefined,
      };
    }

    const container = workload.containers.get(String(params.container));
    if (!container) return { ...base, applied: true, actualCost: 0 };
    const wanted = (params.requests ?? {}) as Record<string, unknown>;
    const wantedCpu = quantity(wanted.cpu, 'cores');
    const wantedMemory = quantity(wanted.memory, 'bytes');
    const { cpuRequestCores: cpuRequest, memoryRequestBytes: memoryRequest } =
      container;
    const within = (now?: number, target?: number) =>
      target === undefined || (now !== undefined && now <= target * TOLERANCE);
    const cpu = pointsIn(container.cpu, from, to).map(p => p.value);
    const memory = pointsIn(container.memory, from, to).map(p => p.value);
    const shares = [
      cpu.length && cpuRequest ? percentile(cpu, 99)! / cpuRequest : undefined,
      memory.length && memoryRequest
        ? Math.max(...memory) / memoryRequest
        : undefined,
    ].filter((s): s is number => s !== undefined);
    return {
      ...base,
      applied:
        within(cpuRequest, wantedCpu) && within(memoryRequest, wantedMemory),
      actualCost:
        (replicas * monthly(cpuRequest, memoryRequest) * hours) /
        HOURS_PER_MONTH,
      peakUtilization: shares.length ? Math.max(...shares) : undefined,
    };
  });
}
