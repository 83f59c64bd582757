import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { WasteDetector } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsAccounts } from '../accounts/AwsAccounts';
import { AwsClients } from '../clients/AwsClients';
import { WasteDetectorName } from '../options';
import { awsWasteDetector, RegionScan } from './AwsWasteDetector';
import { EBS_WASTE_ID, ebsScan } from './ebs/ebsWaste';
import { EC2_WASTE_ID, ec2Scan } from './ec2/ec2Waste';
import { ECS_WASTE_ID, ecsScan } from './ecs/ecsWaste';
import { ELB_WASTE_ID, elbScan } from './elb/elbWaste';
import { RDS_WASTE_ID, rdsScan } from './rds/rdsWaste';

const SCANS: Record<
  WasteDetectorName,
  { id: string; scan: (clients: AwsClients) => RegionScan }
> = {
  ec2: { id: EC2_WASTE_ID, scan: ec2Scan },
  ecs: { id: ECS_WASTE_ID, scan: ecsScan },
  ebs: { id: EBS_WASTE_ID, scan: ebsScan },
  elb: { id: ELB_WASTE_ID, scan: elbScan },
  rds: { id: RDS_WASTE_ID, scan: rdsScan },
};

/**
 * The module's waste detectors (`aws-ec2`, `aws-ecs`, `aws-ebs`, `aws-elb`,
 * `aws-rds`), each sharded by account like the CloudWatch detectors.
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
    }),
  );
}
