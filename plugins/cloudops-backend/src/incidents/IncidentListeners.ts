import { LoggerService } from '@backstage/backend-plugin-api';
import {
  IncidentLifecycleListener,
  IncidentTransitionEvent,
} from '@cloudops-ai/backstage-plugin-cloudops-node';

/**
 * The incident lifecycle listeners modules added. Each is told on its own:
 * one that throws or hangs never delays the caller nor keeps the others
 * from hearing.
 */
export class IncidentListeners {
  constructor(
    private readonly listeners: readonly IncidentLifecycleListener[],
    private readonly logger: LoggerService,
  ) {}

  /** Tells every listener; resolves when all have finished, never rejects. */
  async transitioned(event: IncidentTransitionEvent): Promise<void> {
    await Promise.all(
      this.listeners.map(async listener => {
        try {
          await listener.onTransition(event);
        } catch (error) {
          this.logger.warn(
            `An incident listener failed on ${event.incident.id} (${event.from} → ${event.to}): ${error}`,
          );
        }
      }),
    );
  }
}
