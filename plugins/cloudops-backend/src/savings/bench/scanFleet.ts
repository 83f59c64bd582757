import {
  DEFAULT_SAVINGS_THRESHOLDS,
  detectEbsOrphan,
  detectEc2Idle,
  detectEc2Rightsizing,
  detectEcsRightsizing,
  detectHpaWaste,
  detectIdleLoadBalancer,
  detectIdleNode,
  detectIdleRds,
  detectKarpenterConsolidation,
  detectKubernetesRequests,
  PriceList,
  SavingsThresholds,
  shippedRegionPrices,
  WasteFinding,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { SyntheticFleet } from './syntheticFleet';

/**
 * What the AWS and Prometheus modules' detectors do with the data they
 * fetched: run the detection functions on every resource, per detector. An
 * EC2 instance found idle is not right-sized as well.
 */
export function scanFleet(
  fleet: SyntheticFleet,
  thresholds: SavingsThresholds = DEFAULT_SAVINGS_THRESHOLDS,
): Map<string, WasteFinding[]> {
  const prices = new PriceList(shippedRegionPrices('us-east-1')!);
  const now = fleet.now;
  const found = new Map<string, WasteFinding[]>();
  const add = (detector: string, finding: WasteFinding | undefined) => {
    if (!finding) return;
    found.set(detector, [...(found.get(detector) ?? []), finding]);
  };
  for (const instance of fleet.ec2) {
    add(
      'aws-ec2',
      detectEc2Idle(instance, prices, now, thresholds.ec2Idle) ??
        detectEc2Rightsizing(instance, prices, now, thresholds.rightsizing),
    );
  }
  fleet.ecs.forEach(s =>
    add(
      'aws-ecs',
      detectEcsRightsizing(s, prices, now, thresholds.rightsizing),
    ),
  );
  fleet.ebs.forEach(v =>
    add('aws-ebs', detectEbsOrphan(v, prices, now, thresholds.ebsOrphan)),
  );
  fleet.loadBalancers.forEach(lb =>
    add(
      'aws-elb',
      detectIdleLoadBalancer(lb, prices, now, thresholds.loadBalancerIdle),
    ),
  );
  fleet.rds.forEach(db =>
    add('aws-rds', detectIdleRds(db, prices, now, thresholds.rdsIdle)),
  );
  fleet.containers.forEach(c =>
    add(
      'kubernetes-workloads',
      detectKubernetesRequests(c, prices, now, thresholds.kubernetesRequests),
    ),
  );
  fleet.scaling.forEach(w =>
    add(
      'kubernetes-workloads',
      detectHpaWaste(w, prices, now, thresholds.kubernetesHpa),
    ),
  );
  fleet.nodes.forEach(n =>
    add(
      'kubernetes-nodes',
      detectIdleNode(n, prices, now, thresholds.kubernetesIdleNode),
    ),
  );
  fleet.pools.forEach(p =>
    add(
      'kubernetes-karpenter',
      detectKarpenterConsolidation(p, prices, thresholds.karpenter),
    ),
  );
  return found;
}
