import { alarmSignal } from '../cloudwatch/alarmSignal';
import { EventMapper } from './envelope';

/** CloudWatch alarm state changes, the same alerts the alarm poller gives. */
export const alarmStateEvents: EventMapper = event => {
  const d = event.detail;
  // One metric, as the poller reads it (`MetricName` is set only for a
  // single-metric alarm); a metric-math alarm is known by its ARN alone.
  const metrics: any[] = d.configuration?.metrics ?? [];
  const metric =
    metrics.length === 1 ? metrics[0].metricStat?.metric : undefined;
  const signal = alarmSignal({
    account: event.account,
    region: event.region,
    name: d.alarmName,
    arn:
      event.resources?.[0] ??
      `arn:aws:cloudwatch:${event.region}:${event.account}:alarm:${d.alarmName}`,
    state: d.state?.value,
    reason: d.state?.reason,
    description: d.configuration?.description,
    timestamp: new Date(d.state?.timestamp ?? event.time),
    namespace: metric?.namespace,
    metric: metric?.name,
    dimensions: metric?.dimensions,
  });
  return signal && d.alarmName ? [signal] : [];
};
