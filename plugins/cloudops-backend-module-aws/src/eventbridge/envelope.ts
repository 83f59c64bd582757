import { SignalInput } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** An EventBridge event, as an EventBridge rule delivers it to SQS. */
export interface EventBridgeEvent {
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources?: string[];
  detail: Record<string, any>;
}

/** Reads an events-service payload as an EventBridge event, or says why not. */
export function readEnvelope(payload: unknown): EventBridgeEvent | string {
  if (typeof payload !== 'object' || payload === null) {
    return 'the payload is not an object';
  }
  const event = payload as Partial<EventBridgeEvent>;
  for (const field of [
    'id',
    'detail-type',
    'source',
    'account',
    'time',
    'region',
  ] as const) {
    if (typeof event[field] !== 'string') {
      return `"${field}" is missing or not a string`;
    }
  }
  if (Number.isNaN(Date.parse(event.time!))) {
    return `"time" is not a timestamp (${event.time})`;
  }
  if (typeof event.detail !== 'object' || event.detail === null) {
    return '"detail" is missing';
  }
  return event as EventBridgeEvent;
}

/** Turns one kind of EventBridge event into signals. */
export type EventMapper = (event: EventBridgeEvent) => SignalInput[];

/** The fields every signal of an event shares. */
export function fromEvent(event: EventBridgeEvent) {
  return {
    source: 'eventbridge',
    account: event.account,
    region: event.region,
    timestamp: new Date(event.time).toISOString(),
  };
}

/** Keeps only defined, non-empty string values (labels must be strings). */
export function labels(
  values: Record<string, string | number | undefined | null>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
}
