import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { EventBridgeEvent, fromEvent, EventMapper, labels } from './envelope';

/**
 * A deployment: a change event, and for a failure the target's
 * "Deployment Failed" alert, resolved by its next success.
 */
function deployment(
  event: EventBridgeEvent,
  target: string,
  state: 'started' | 'succeeded' | 'failed' | 'stopped',
  fields: Record<string, string | undefined>,
  message: string,
): SignalInput[] {
  const signals: SignalInput[] = [
    {
      ...fromEvent(event),
      kind: 'event',
      name: 'Deployment',
      resource: target,
      labels: labels({ ...fields, state }),
      message,
    },
  ];
  if (state === 'failed' || state === 'succeeded') {
    signals.push({
      ...fromEvent(event),
      kind: 'alert',
      name: 'Deployment Failed',
      status: state === 'failed' ? 'firing' : 'resolved',
      resource: target,
      labels: {},
      message,
    });
  }
  return signals;
}

const CODEDEPLOY_STATES: Record<
  string,
  'started' | 'succeeded' | 'failed' | 'stopped'
> = {
  START: 'started',
  SUCCESS: 'succeeded',
  FAILURE: 'failed',
  STOP: 'stopped',
};

/** CodeDeploy deployment state changes, per deployment group. */
export const codeDeployEvents: EventMapper = event => {
  const d = event.detail;
  const state = CODEDEPLOY_STATES[d.state];
  if (!state || !d.application || !d.deploymentGroup) return [];
  return deployment(
    event,
    `arn:aws:codedeploy:${event.region}:${event.account}:deploymentgroup:${d.application}/${d.deploymentGroup}`,
    state,
    {
      tool: 'codedeploy',
      application: d.application,
      deploymentGroup: d.deploymentGroup,
      deploymentId: d.deploymentId,
    },
    `CodeDeploy ${d.deploymentId ?? ''} of ${d.application}/${
      d.deploymentGroup
    }: ${d.state}`,
  );
};

const ECS_STATES: Record<string, 'started' | 'succeeded' | 'failed'> = {
  SERVICE_DEPLOYMENT_IN_PROGRESS: 'started',
  SERVICE_DEPLOYMENT_COMPLETED: 'succeeded',
  SERVICE_DEPLOYMENT_FAILED: 'failed',
};

/** ECS service deployments. */
export const ecsDeploymentEvents: EventMapper = event => {
  const d = event.detail;
  const state = ECS_STATES[d.eventName];
  const service = event.resources?.[0];
  if (!state || !service) return [];
  return deployment(
    event,
    service,
    state,
    { tool: 'ecs', deploymentId: d.deploymentId },
    `ECS deployment ${d.deploymentId ?? ''}: ${d.eventName}${
      d.reason ? ` (${d.reason})` : ''
    }`,
  );
};
