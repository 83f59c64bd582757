import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { WasteDetector } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccounts } from '../accounts/AwsAccounts';
import { AwsClients } from '../clients/AwsClients';
import { WasteDetectorName } from '../options';
import {
  awsWasteDetector,
  RegionObserve,
  RegionScan,
} from './AwsWasteDetector';
import { EBS_WASTE_ID, ebsObserve, ebsScan } from './ebs/ebsWaste';
import { ec2Observe } from './ec2/ec2Observe';
import { EC2_WASTE_ID, ec2Scan } from './ec2/ec2Waste';
import { ECS_WASTE_ID, ecsObserve, ecsScan } from './ecs/ecsWaste';
import { ELB_WASTE_ID, elbObserve, elbScan } from './elb/elbWaste';
import { RDS_WASTE_ID, rdsObserve, rdsScan } from './rds/rdsWaste';

const SCANS: Record<
  WasteDetectorName,
  {
    id: string;
    scan: (clients: AwsClients) => RegionScan;
    observe: (clients: AwsClients) => RegionObserve;
  }
> = {
  ec2: { id: EC2_WASTE_ID, scan: ec2Scan, observe: ec2Observe },
  ecs: { id: ECS_WASTE_ID, scan: ecsScan, observe: ecsObserve },
  ebs: { id: EBS_WASTE_ID, scan: ebsScan, observe: ebsObserve },
  elb: { id: ELB_WASTE_ID, scan: elbScan, observe: elbObserve },
  rds: { id: RDS_WASTE_ID, scan: rdsScan, observe: rdsObserve },
};

/**
 * The module's waste detectors (`aws-ec2`, `aws-ecs`, `aws-ebs`, `aws-elb`,
 * `aws-rds`), each sharded by account like the CloudWatch detectors, each
 * measuring its changed opportunities for the engine's validation.
 */
export function awsWasteDetectors(options: {
  accounts: AwsAccounts;
  clients: AwsClients;
  detectors: readonly WasteDetectorName[];
  schedule?: SchedulerServiceTaskScheduleDefinition;
}): WasteDetector[] {
  return options.detectors.map(name =>
    awsWasteDetector({
      id: SCANS[name].id,
      accounts: options.accounts,
      schedule: options.schedule,
      scan: SCANS[name].scan(options.clients),
      observe: SCANS[name].observe(options.clients),
    }),
  );
}
