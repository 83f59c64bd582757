import { OpportunityResource } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { tagLabels } from './series';

/**
 * Which EC2 instance, from `DescribeInstances`.
 *
 * @public
 */
export interface Ec2InstanceRef {
  arn: string;
  instanceId: string;
  instanceType: string;
  region: string;
  account?: string;
  /** Its `Name` tag. */
  name?: string;
  tags?: Record<string, string>;
}

/** Tags of instances whose capacity something else manages (see below). */
const MANAGED_CAPACITY_TAGS = [
  'eks:cluster-name',
  'karpenter.sh/nodepool',
  'karpenter.sh/provisioner-name',
  'aws:autoscaling:groupName',
];

/**
 * Whether something else manages the instance's capacity, by its tags: an
 * EKS or other Kubernetes cluster (`eks:cluster-name`,
 * `kubernetes.io/cluster/<name>`) or Karpenter (`karpenter.sh/nodepool`,
 * `karpenter.sh/provisioner-name`), whose nodes the Kubernetes detectors
 * judge (an idle node is drained, not stopped), or an Auto Scaling group
 * (`aws:autoscaling:groupName`), which replaces a stopped instance and
 * launches its own type: the fix there is the group's capacity. The EC2
 * detectors leave such instances alone, so that one node's cost is not
 * counted twice nor fixed the wrong way.
 *
 * @public
 */
export function isManagedCapacity(instance: Ec2InstanceRef): boolean {
  return Object.keys(instance.tags ?? {}).some(
    key =>
      MANAGED_CAPACITY_TAGS.includes(key) ||
      key.startsWith('kubernetes.io/cluster/'),
  );
}

/** The instance as an opportunity's resource. */
export function ec2Resource(instance: Ec2InstanceRef): OpportunityResource {
  return {
    id: instance.arn,
    type: 'ec2:instance',
    name: instance.name ?? instance.instanceId,
    region: instance.region,
    account: instance.account,
    labels: tagLabels(instance.tags),
  };
}
