/**
 * The thresholds the waste detectors hold usage against. Every default comes
 * from the reference the rule is taken from (named on each field); the
 * backend reads overrides from `cloudops.savings.thresholds`.
 *
 * @public
 */
export interface SavingsThresholds {
  ec2Idle: {
    /** Daily average CPU at or below this (percent) makes a low day. AWS Trusted Advisor: 10. */
    cpuPercent: number;
    /** …and daily network I/O (in + out) at or below this, in MB. Trusted Advisor: 5. */
    networkMb: number;
    /** Low days needed in the look-back. Trusted Advisor: 4. */
    minLowDays: number;
    /** Days looked at. Trusted Advisor: 14. */
    lookbackDays: number;
    /**
     * Our guard against bursty workloads, which Trusted Advisor's rule alone
     * would flag: any hour whose average CPU is above this (percent) makes
     * the instance busy, not idle. Default 40.
     */
    burstCpuPercent: number;
    /** …or any day with more network I/O than this, in MB. Default 500. */
    burstNetworkMb: number;
  };
  rightsizing: {
    /** The CPU percentile sized for. AWS Compute Optimizer: p99.5. */
    cpuPercentile: number;
    /** Headroom added on top of it. Compute Optimizer: 20%. */
    cpuHeadroom: number;
    /** Headroom on peak memory. Compute Optimizer: 20%. */
    memoryHeadroom: number;
    /** Days looked at. Compute Optimizer: 14. */
    lookbackDays: number;
    /** Minimum days of data before recommending. Compute Optimizer needs 30 hours; we ask 2 days. */
    minDays: number;
    /** Recommend other CPU architectures (x86 ↔ Graviton). Compute Optimizer default: current only. */
    allowArchitectureChange: boolean;
    /** Ignore recommendations that save less than this share of the cost. Default 0.1. */
    minSavingsShare: number;
  };
  ebsOrphan: {
    /** Days unattached. Default 7 (the rule, as AWS Trusted Advisor's underutilised-volume window). */
    unattachedDays: number;
  };
  loadBalancerIdle: {
    /** Requests per day below this on every day… Trusted Advisor: 100. */
    requestsPerDay: number;
    /** …of this many days. Trusted Advisor: 7. */
    days: number;
  };
  rdsIdle: {
    /** Days with no connection at all. Trusted Advisor: 7. */
    days: number;
  };
  kubernetesRequests: {
    /** The usage percentile recommended. VPA recommender: p90 (target). */
    percentile: number;
    /** Safety margin on top of it. VPA recommender: 15%. */
    margin: number;
    /** Smallest CPU recommended, millicores. VPA: 25m (pod-min-cpu-millicores). */
    minCpuMillicores: number;
    /** Smallest memory recommended, MiB. VPA: 250 MiB (pod-min-memory-mb). */
    minMemoryMiB: number;
    /** Days of history. VPA's Prometheus history provider: 8 days. */
    lookbackDays: number;
    /** Ignore changes smaller than this share of the request. VPA updater's tolerance: 10%. */
    minChangeShare: number;
  };
  kubernetesIdleNode: {
    /** Peak CPU usage at or below this share of allocatable (percent). Default 10. */
    cpuPercent: number;
    /** Peak memory usage at or below this share of allocatable (percent). Default 10. */
    memoryPercent: number;
    /**
     * Requests below this share of allocatable, so its pods fit elsewhere.
     * Cluster Autoscaler's scale-down-utilization-threshold: 50.
     */
    requestPercent: number;
    /** Days looked at. Default 7. */
    days: number;
  };
  kubernetesHpa: {
    /** The CPU utilisation of requests the HPA would target. Default 70. */
    targetCpuPercent: number;
    /** Fewest replicas kept for availability. Default 2. */
    minReplicas: number;
  };
  karpenter: {
    /** How full consolidation could pack nodes (share of allocatable). Default 0.8. */
    packing: number;
  };
}

/**
 * The defaults, from AWS Trusted Advisor, AWS Compute Optimizer, the
 * Kubernetes Vertical Pod Autoscaler recommender and Cluster Autoscaler.
 *
 * @public
 */
export const DEFAULT_SAVINGS_THRESHOLDS: SavingsThresholds = {
  ec2Idle: {
    cpuPercent: 10,
    networkMb: 5,
    minLowDays: 4,
    lookbackDays: 14,
    burstCpuPercent: 40,
    burstNetworkMb: 500,
  },
  rightsizing: {
    cpuPercentile: 99.5,
    cpuHeadroom: 0.2,
    memoryHeadroom: 0.2,
    lookbackDays: 14,
    minDays: 2,
    allowArchitectureChange: false,
    minSavingsShare: 0.1,
  },
  ebsOrphan: { unattachedDays: 7 },
  loadBalancerIdle: { requestsPerDay: 100, days: 7 },
  rdsIdle: { days: 7 },
  kubernetesRequests: {
    percentile: 90,
    margin: 0.15,
    minCpuMillicores: 25,
    minMemoryMiB: 250,
    lookbackDays: 8,
    minChangeShare: 0.1,
  },
  kubernetesIdleNode: {
    cpuPercent: 10,
    memoryPercent: 10,
    requestPercent: 50,
    days: 7,
  },
  kubernetesHpa: { targetCpuPercent: 70, minReplicas: 2 },
  karpenter: { packing: 0.8 },
};
