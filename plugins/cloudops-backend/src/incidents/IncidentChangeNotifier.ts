import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CLOUDOPS_INCIDENTS_CHANNEL,
  IncidentsChangedMessage,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { SignalsService } from '@backstage/plugin-signals-node';

/** The most incident ids one message names; the rest are counted. */
const MAX_IDS = 100;

/**
 * Tells open portal views that incidents changed, over Backstage signals
 * (channel `cloudops:incidents`, broadcast: every reader may see incidents).
 *
 * Called after a change is committed. Changes within `coalesceMs` of the
 * first share one message, so a burst of ingestion sends a handful of
 * messages rather than one per batch. Delivery is best effort: a failed
 * publish is logged, never raised into the change that caused it.
 */
export class IncidentChangeNotifier {
  private readonly pending = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly options: {
      signals: SignalsService;
      logger: LoggerService;
      coalesceMs?: number;
    },
  ) {}

  /** Incidents that changed in a committed transaction. */
  changed(incidentIds: Iterable<string>): void {
    for (const id of incidentIds) {
      this.pending.add(id);
    }
    if (this.pending.size === 0 || this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.coalesceMs ?? 500);
  }

  /** Publishes what is pending now (also at shutdown). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size === 0) {
      return;
    }
    const ids = [...this.pending];
    this.pending.clear();
    try {
      await this.options.signals.publish<IncidentsChangedMessage>({
        recipients: { type: 'broadcast' },
        channel: CLOUDOPS_INCIDENTS_CHANNEL,
        message: {
          incidentIds: ids.slice(0, MAX_IDS),
          more: Math.max(0, ids.length - MAX_IDS),
        },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not publish incident changes on ${CLOUDOPS_INCIDENTS_CHANNEL}: ${error}`,
      );
    }
  }
}
