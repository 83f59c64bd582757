/**
 * The demo backend module for the cloudops plugin: a simulated multi-account
 * fleet with chaos scenarios that feeds the real detection, RCA and
 * remediation pipeline.
 *
 * @packageDocumentation
 */

export { cloudopsModuleDemo as default } from './module';
export { FleetUsage } from './fleet/FleetUsage';
export type {
  UsageWindow,
  Ec2InstanceUsage,
  RdsInstanceUsage,
  LoadBalancerUsage,
  EcsServiceUsage,
  KubernetesWorkloadUsage,
  KubernetesNodeUsage,
} from './fleet/FleetUsage';
export type {
  FleetInventory,
  Ec2Instance,
  EbsVolume,
  RdsInstance,
  LoadBalancer,
  EcsService,
  KubernetesNode,
  KubernetesWorkload,
} from './fleet/inventory';
export type { SeriesPoint, FleetSeriesValues } from './fleet/seriesQuery';
