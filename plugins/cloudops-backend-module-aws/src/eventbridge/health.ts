import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { EventMapper, fromEvent, labels } from './envelope';

/** Affected entities reported per event, at most. */
const MAX_ENTITIES = 50;

/**
 * AWS Health events. Issues (and investigations) are alerts, one per
 * affected resource, firing while open or upcoming and resolved when
 * closed; account notifications and scheduled changes are change events.
 */
export const healthEvents: EventMapper = event => {
  const d = event.detail;
  const description: string | undefined = (d.eventDescription ?? []).find(
    (e: any) => !e.language || e.language.startsWith('en'),
  )?.latestDescription;
  const common = {
    ...fromEvent(event),
    name: 'AWS Health Event',
    labels: labels({
      service: d.service,
      eventTypeCode: d.eventTypeCode,
      category: d.eventTypeCategory,
      eventArn: d.eventArn,
    }),
    message: description ?? d.eventTypeCode,
  };
  if (
    d.eventTypeCategory !== 'issue' &&
    d.eventTypeCategory !== 'investigation'
  ) {
    return [
      {
        ...common,
        kind: 'event',
        resource: event.resources?.[0] ?? d.eventArn,
      },
    ];
  }
  const affected: string[] = (d.affectedEntities ?? [])
    .map((e: any) => e.entityArn ?? e.entityValue)
    .filter((v: unknown): v is string => typeof v === 'string')
    .slice(0, MAX_ENTITIES);
  const resources = affected.length > 0 ? affected : [d.eventArn];
  return resources.map(
    (resource): SignalInput => ({
      ...common,
      kind: 'alert',
      status: d.statusCode === 'closed' ? 'resolved' : 'firing',
      resource,
    }),
  );
};
