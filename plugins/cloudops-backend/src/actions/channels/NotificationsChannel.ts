import { IncidentSeverity } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionDeliveryRequest,
  CloudopsActionChannel,
  DeliveryError,
  describeDelivery,
  headlineOf,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { NotificationService } from '@backstage/plugin-notifications-node';

const SEVERITY: Record<
  IncidentSeverity,
  'critical' | 'high' | 'normal' | 'low'
> = {
  critical: 'critical',
  high: 'high',
  warning: 'normal',
  info: 'low',
};

/**
 * Backstage notifications (the notifications plugin) to the owning team, or
 * to the entity named as target. Every message of an incident has the same
 * scope, so a redelivery or an update replaces the team's notification
 * instead of adding another.
 */
export class NotificationsChannel implements CloudopsActionChannel {
  readonly id = 'notifications';
  readonly kinds = ['notify' as const];

  constructor(private readonly notifications: NotificationService) {}

  async deliver(request: ActionDeliveryRequest) {
    const recipient =
      request.target ?? request.incident.ownerRef ?? request.entity?.ownerRef;
    if (!recipient) {
      throw new DeliveryError(
        `Incident ${request.incident.id} has no owner to notify and the rule names no target`,
        { retryable: false },
      );
    }
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        payload: {
          title: headlineOf(request),
          description: describeDelivery(request),
          link: request.links.incident,
          severity: SEVERITY[request.incident.severity],
          topic: 'cloudops-incident',
          scope: `cloudops:incident:${request.incident.id}`,
        },
      });
    } catch (error) {
      throw new DeliveryError(`notifications: ${(error as Error).message}`);
    }
    return { result: { notified: recipient } };
  }
}
