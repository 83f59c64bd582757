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
