import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { EventBridgeEvent, EventMapper, fromEvent, labels } from './envelope';

/** The alert a failing ECS service raises, resolved when it is steady again. */
const SERVICE_ALERT = 'ECS Service Unhealthy';
const IMPAIRED = new Set([
  'SERVICE_TASK_START_IMPAIRED',
  'SERVICE_TASK_PLACEMENT_FAILURE',
  'SERVICE_TASK_CONFIGURATION_FAILURE',
  'SERVICE_DAEMON_PLACEMENT_CONSTRAINT_VIOLATED',
]);

/** `arn:aws:ecs:r:a:service/<cluster>/<service>` of a task in a service. */
function serviceArn(event: EventBridgeEvent): string | undefined {
  const { clusterArn, group } = event.detail;
  const cluster =
    typeof clusterArn === 'string' ? clusterArn.split('/').pop() : undefined;
  const service =
    typeof group === 'string' && group.startsWith('service:')
      ? group.slice('service:'.length)
      : undefined;
  return cluster && service
    ? `arn:aws:ecs:${event.region}:${event.account}:service/${cluster}/${service}`
    : undefined;
}

function serviceAlert(
  event: EventBridgeEvent,
  resource: string,
  status: 'firing' | 'resolved',
  message: string,
): SignalInput {
  return {
    ...fromEvent(event),
    kind: 'alert',
    name: SERVICE_ALERT,
    status,
    resource,
    labels: {},
    message,
  };
}

/**
 * ECS task stops: every stopped task is a change event; a task that failed
 * (did not start, or an essential container exited non-zero or ran out of
 * memory) in a service also fires the service's alert.
 */
export const ecsTaskEvents: EventMapper = event => {
  const d = event.detail;
  if (d.lastStatus !== 'STOPPED') return [];
  const containers: any[] = d.containers ?? [];
  const exitCodes = containers
    .map(c => c.exitCode)
    .filter((c): c is number => typeof c === 'number');
  const oom = containers.some(c => /OutOfMemory/i.test(c.reason ?? ''));
  const failed =
    d.stopCode === 'TaskFailedToStart' ||
    oom ||
    (d.stopCode === 'EssentialContainerExited' && exitCodes.some(c => c !== 0));
  const service = serviceArn(event);
  const reason: string = d.stoppedReason ?? d.stopCode ?? 'stopped';
  const signals: SignalInput[] = [
    {
      ...fromEvent(event),
      kind: 'event',
      name: 'ECS Task Stopped',
      resource: service ?? d.taskArn,
      labels: labels({
        task: d.taskArn,
        stopCode: d.stopCode,
        exitCode: exitCodes.find(c => c !== 0) ?? exitCodes[0],
        oom: oom ? 'true' : undefined,
        failed: failed ? 'true' : 'false',
      }),
      message: reason,
    },
  ];
  if (failed && service) {
    signals.push(
      serviceAlert(event, service, 'firing', `Task failed: ${reason}`),
    );
  }
  return signals;
};

/** ECS service actions: impaired fires the service's alert, steady state resolves it. */
export const ecsServiceEvents: EventMapper = event => {
  const name: string | undefined = event.detail.eventName;
  const service = event.resources?.[0];
  if (!name || !service) return [];
  if (IMPAIRED.has(name)) {
    return [serviceAlert(event, service, 'firing', name)];
  }
  if (name === 'SERVICE_STEADY_STATE') {
    return [serviceAlert(event, service, 'resolved', name)];
  }
  return [];
};
