import { ConflictError, NotFoundError } from '@backstage/errors';
import { ActionDelivery } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Request } from 'express';
import { AuditedChanges } from '../audit/AuditedChanges';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { DeliveryFilter } from '../database/OutboxStore';
import { isUuid } from '../database/isUuid';

/** What people do with the outbox: look at it, and send a dead letter again. */
export class OutboxService {
  constructor(
    private readonly deps: {
      database: CloudopsDatabase;
      changes: AuditedChanges;
      wake: () => void;
    },
  ) {}

  list(filter: DeliveryFilter): Promise<ActionDelivery[]> {
    return this.deps.database.stores.outbox.list(filter);
  }

  async retry(
    id: string,
    caller: { actor: string; request?: Request },
  ): Promise<ActionDelivery> {
    const delivery = await this.deps.changes.run(
      {
        action: 'action-retry',
        actor: caller.actor,
        target: id,
        request: caller.request,
      },
      async stores => {
        const found = isUuid(id) ? await stores.outbox.get(id) : undefined;
        if (!found) throw new NotFoundError(`No delivery ${id}`);
        if (found.status !== 'dead') {
          throw new ConflictError(
            `Delivery ${id} is ${found.status}; only dead deliveries are retried`,
          );
        }
        const now = new Date();
        // The retry itself is audited; an incident's timeline also shows it.
        if (found.incidentId) {
          await stores.incidents.appendEvent(found.incidentId, {
            type: 'action',
            actor: caller.actor,
            message: `${caller.actor} retried the ${found.kind} (${
              found.event
            }) to ${found.channel}${found.target ? ` ${found.target}` : ''}`,
            data: { deliveryId: id },
            createdAt: now,
          });
        }
        return (await stores.outbox.retry(id, now))!;
      },
    );
    this.deps.wake();
    return delivery;
  }
}
