import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { alarmStateEvents } from './alarms';
import { codeDeployEvents, ecsDeploymentEvents } from './deployments';
import { ec2StateEvents } from './ec2';
import { ecsServiceEvents, ecsTaskEvents } from './ecs';
import { EventBridgeEvent, EventMapper } from './envelope';
import { healthEvents } from './health';
import { rdsEvents } from './rds';

/** The events CloudOps reads, by `source` and `detail-type`. */
const MAPPERS: Record<string, EventMapper> = {
  'aws.health|AWS Health Event': healthEvents,
  'aws.ec2|EC2 Instance State-change Notification': ec2StateEvents,
  'aws.ecs|ECS Task State Change': ecsTaskEvents,
  'aws.ecs|ECS Service Action': ecsServiceEvents,
  'aws.ecs|ECS Deployment State Change': ecsDeploymentEvents,
  'aws.rds|RDS DB Instance Event': rdsEvents,
  'aws.rds|RDS DB Cluster Event': rdsEvents,
  'aws.codedeploy|CodeDeploy Deployment State-change Notification':
    codeDeployEvents,
  'aws.cloudwatch|CloudWatch Alarm State Change': alarmStateEvents,
};

/** The `detail-type`s an EventBridge rule should send (for the customer kit). */
export const EVENT_PATTERNS = Object.keys(MAPPERS).map(key => {
  const [source, detailType] = key.split('|');
  return { source, detailType };
});

/** The signals an event gives; none for events CloudOps does not read. */
export function mapEvent(event: EventBridgeEvent): SignalInput[] {
  return MAPPERS[`${event.source}|${event['detail-type']}`]?.(event) ?? [];
}
