import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DeliveryEvent,
  IncidentSeverity,
  severityRank,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { CloudopsStores } from '../database/CloudopsDatabase';
import {
  IncidentChange,
  IncidentChangeHooks,
} from '../database/IncidentChanges';
import { NewDelivery } from '../database/OutboxStore';
import { ActionRouter } from './routing';
import { RemediationService } from './RemediationService';

/** The delivery event an incident change is, if it is one people hear about. */
export function deliveryEventOf(
  change: IncidentChange,
): DeliveryEvent | undefined {
  const data = change.data ?? {};
  switch (change.type) {
    case 'opened':
      return 'opened';
    case 'severity':
      return severityRank(data.to as IncidentSeverity) >
        severityRank(data.from as IncidentSeverity)
        ? 'escalated'
        : undefined;
    case 'state':
      switch (data.to) {
        case 'acknowledged':
        case 'mitigated':
        case 'resolved':
          return data.to;
        case 'open':
          return 'reopened';
        default:
          return undefined;
      }
    default:
      return undefined;
  }
}

/**
 * Turns incident changes into outbox deliveries inside the transaction that
 * made them (so they commit or roll back together), and wakes the delivery
 * worker once they are committed. Changes older than `maxEventAgeMs` (a
 * backfill) stay on the timeline and go nowhere: nobody is paged, and
 * nothing remediated, for an incident that ended days ago.
 */
export class Dispatcher implements IncidentChangeHooks {
  constructor(
    private readonly deps: {
      router: ActionRouter;
      catalog: CatalogSnapshot;
      remediations: RemediationService;
      maxAttempts: number;
      maxEventAgeMs: number;
      logger: LoggerService;
      wake: () => void;
    },
  ) {}

  async beforeCommit(
    stores: CloudopsStores,
    changes: IncidentChange[],
  ): Promise<void> {
    const events = new Map<string, DeliveryEvent[]>();
    const oldest = Date.now() - this.deps.maxEventAgeMs;
    let backfilled = 0;
    for (const change of changes) {
      const event = deliveryEventOf(change);
      if (!event) continue;
      if (change.createdAt.getTime() < oldest) {
        backfilled++;
        continue;
      }
      const list = events.get(change.incidentId) ?? [];
      if (!list.includes(event)) list.push(event);
      events.set(change.incidentId, list);
    }
    if (backfilled > 0) {
      this.deps.logger.debug(
        `Not dispatching ${backfilled} incident change(s) older than cloudops.actions.maxEventAge`,
      );
    }
    const deliveries: NewDelivery[] = [];
    for (const [incidentId, list] of events) {
      const incident = await stores.incidents.getIncident(incidentId);
      if (!incident) continue;
      const entity = incident.entityRef
        ? this.deps.catalog.index.get(incident.entityRef)
        : undefined;
      const routed = this.deps.router.route(incident, entity);
      // An opening message already shows the severity it escalated to.
      const reported = list.includes('opened')
        ? list.filter(e => e !== 'escalated')
        : list;
      for (const event of reported) {
        for (const d of routed.deliveries) {
          deliveries.push({
            incidentId,
            kind: d.kind,
            channel: d.channel,
            target: d.target,
            event,
            payload: {},
            maxAttempts: this.deps.maxAttempts,
          });
        }
      }
      if (list.includes('opened')) {
        for (const action of routed.remediations) {
          deliveries.push(
            this.deps.remediations.planStepFor(incident, {
              executor: action.executor,
              ref: action.ref,
              parameters: action.parameters ?? {},
              ruleId: incident.ruleId,
              requestedBy: 'cloudops',
              approval: action.approval,
              dryRun: action.dryRun,
            }),
          );
        }
      }
    }
    await stores.outbox.enqueue(deliveries, new Date());
  }

  afterCommit(): void {
    this.deps.wake();
  }
}
