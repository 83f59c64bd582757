import { LoggerService } from '@backstage/backend-plugin-api';
import { IncidentState } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { IncidentLifecycleListener } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CloudopsDatabase } from '../database/CloudopsDatabase';
import { IncidentChange } from '../database/IncidentChanges';

/**
 * The incident lifecycle listeners modules added, fed from the database's
 * after-commit incident change hook: each committed state change (by a
 * person, an API client or the engine) becomes a transition event. The hook
 * only starts the telling; each listener is told on its own, so one that
 * throws or hangs never delays a transaction nor keeps the others from
 * hearing.
 */
export class IncidentListeners {
  constructor(
    private readonly listeners: readonly IncidentLifecycleListener[],
    private readonly deps: {
      database: CloudopsDatabase;
      logger: LoggerService;
    },
  ) {}

  /** The after-commit hook. */
  changed(changes: IncidentChange[]): void {
    const transitions = changes.filter(c => c.type === 'state');
    if (this.listeners.length > 0 && transitions.length > 0) {
      void this.tell(transitions);
    }
  }

  /** Tells every listener of each transition; resolves when all have finished, never rejects. */
  async tell(transitions: IncidentChange[]): Promise<void> {
    const { database, logger } = this.deps;
    for (const change of transitions) {
      const { incidentId, actor } = change;
      const data = (change.data ?? {}) as {
        from?: IncidentState;
        to?: IncidentState;
        note?: string;
      };
      const incident = await database.stores.incidents
        .getIncident(incidentId)
        .catch(error => {
          logger.warn(`Incident listeners not told of ${incidentId}: ${error}`);
          return undefined;
        });
      if (!incident || !data.from || !data.to) continue;
      const event = {
        incident,
        from: data.from,
        to: data.to,
        actor,
        note: data.note,
        signals: (limit = 1000) =>
          database.stores.signals.listForIncident(incidentId, limit),
      };
      await Promise.all(
        this.listeners.map(async listener => {
          try {
            await listener.onTransition(event);
          } catch (error) {
            logger.warn(
              `An incident listener failed on ${incidentId} (${event.from} → ${event.to}): ${error}`,
            );
          }
        }),
      );
    }
  }
}
