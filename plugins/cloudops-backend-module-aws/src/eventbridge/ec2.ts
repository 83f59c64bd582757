import { EventMapper, fromEvent, labels } from './envelope';

/** EC2 instance state changes, as change events. */
export const ec2StateEvents: EventMapper = event => {
  const instance: string | undefined = event.detail['instance-id'];
  const state: string | undefined = event.detail.state;
  if (!instance || !state) return [];
  return [
    {
      ...fromEvent(event),
      kind: 'event',
      name: 'EC2 Instance State-change Notification',
      resource:
        event.resources?.[0] ??
        `arn:aws:ec2:${event.region}:${event.account}:instance/${instance}`,
      labels: labels({ instanceId: instance, state }),
      message: `${instance} is ${state}`,
    },
  ];
};
