import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { EventMapper, fromEvent, labels } from './envelope';

/** Event ids that mean the database is down or failing over. */
const DOWN = new Set([
  'RDS-EVENT-0004', // DB instance shutdown
  'RDS-EVENT-0013', // Multi-AZ failover started
  'RDS-EVENT-0031', // DB instance failed
  'RDS-EVENT-0036', // DB instance in an incompatible network
  'RDS-EVENT-0058', // Statspack error
  'RDS-EVENT-0221', // storage full
]);
/** Event ids that mean it is back. */
const UP = new Set([
  'RDS-EVENT-0006', // DB instance restarted
  'RDS-EVENT-0015', // Multi-AZ failover completed
  'RDS-EVENT-0049', // Multi-AZ failover completed
  'RDS-EVENT-0088', // DB instance started
]);
const DOWN_CATEGORIES = new Set(['failure', 'low storage']);

/**
 * RDS instance and cluster events: every event is a change event; failures,
 * low storage, shutdowns and failovers fire the database's availability
 * alert, and restarts, completed failovers and recoveries resolve it.
 */
export const rdsEvents: EventMapper = event => {
  const d = event.detail;
  const categories: string[] = d.EventCategories ?? [];
  const eventId: string | undefined = d.EventID;
  const resource: string | undefined = d.SourceArn ?? event.resources?.[0];
  const common = { ...fromEvent(event), resource };
  const signals: SignalInput[] = [
    {
      ...common,
      kind: 'event',
      name: 'RDS Event',
      labels: labels({
        eventId,
        category: categories.join(','),
        sourceType: d.SourceType,
        sourceIdentifier: d.SourceIdentifier,
      }),
      message: d.Message,
    },
  ];
  const down =
    categories.some(c => DOWN_CATEGORIES.has(c)) ||
    (eventId && DOWN.has(eventId));
  const up = categories.includes('recovery') || (eventId && UP.has(eventId));
  if (resource && (down || up)) {
    signals.push({
      ...common,
      kind: 'alert',
      name: 'RDS Availability',
      status: down ? 'firing' : 'resolved',
      labels: {},
      message: d.Message,
    });
  }
  return signals;
};
