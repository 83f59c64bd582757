import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { resourceArnOf } from './arnDimensions';

/** A CloudWatch alarm's state, from DescribeAlarms or an EventBridge event. */
export interface AlarmState {
  account: string;
  region: string;
  name: string;
  arn: string;
  state: string;
  reason?: string;
  /** When the alarm entered its state. */
  timestamp: Date;
  description?: string;
  namespace?: string;
  metric?: string;
  dimensions?: Record<string, string>;
}

/**
 * The alert signal of an alarm's state: ALARM fires, OK resolves,
 * INSUFFICIENT_DATA gives nothing (there is no verdict). Both the alarm
 * poller and EventBridge's "CloudWatch Alarm State Change" events build it
 * here, so a change seen both ways is one alert. The resource is the
 * monitored resource's ARN when the dimensions name one (so the alert finds
 * the entity that lists it), else the alarm's ARN.
 */
export function alarmSignal(alarm: AlarmState): SignalInput | undefined {
  if (alarm.state !== 'ALARM' && alarm.state !== 'OK') return undefined;
  const dimensions = alarm.dimensions ?? {};
  const labels: Record<string, string> = { alarmArn: alarm.arn, ...dimensions };
  if (alarm.namespace) labels.namespace = alarm.namespace;
  if (alarm.metric) labels.metric = alarm.metric;
  return {
    source: 'cloudwatch',
    kind: 'alert',
    name: alarm.name,
    status: alarm.state === 'ALARM' ? 'firing' : 'resolved',
    timestamp: alarm.timestamp.toISOString(),
    account: alarm.account,
    region: alarm.region,
    resource: resourceArnOf({ ...alarm, dimensions }) ?? alarm.arn,
    labels,
    message: alarm.reason ?? alarm.description,
  };
}
