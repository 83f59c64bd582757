import {
  ReceivedRequest,
  startFakeServer,
} from '../../__testUtils__/fakeHttpServer';
import { deliveryRequest } from '../../__testUtils__/deliveryRequest';
import { PagerDutyChannel } from './PagerDutyChannel';

const ROUTING_KEY = 'R0123456789abcdef0123456789abcde';

/**
 * A fake of the PagerDuty Events API v2 (`POST /v2/enqueue`): validates the
 * event as documented (32-character routing key, action, payload fields on
 * trigger) and keeps one alert per dedup key.
 */
function fakePagerDuty() {
  const alerts = new Map<
    string,
    { status: string; triggers: number; payload: any }
  >();
  const handle = (req: ReceivedRequest) => {
    const e = req.body ?? {};
    const errors: string[] = [];
    if (typeof e.routing_key !== 'string' || e.routing_key.length !== 32)
      errors.push('routing_key is invalid');
    if (!['trigger', 'acknowledge', 'resolve'].includes(e.event_action))
      errors.push('event_action is invalid');
    if (e.event_action === 'trigger') {
      for (const f of ['summary', 'source', 'severity'])
        if (!e.payload?.[f]) errors.push(`payload.${f} is missing`);
      if (
        !['critical', 'error', 'warning', 'info'].includes(e.payload?.severity)
      )
        errors.push('payload.severity is invalid');
    } else if (!e.dedup_key) errors.push('dedup_key is required');
    if (errors.length)
      return {
        status: 400,
        body: {
          status: 'invalid event',
          message: 'Event object is invalid',
          errors,
        },
      };
    const alert = alerts.get(e.dedup_key) ?? {
      status: 'triggered',
      triggers: 0,
      payload: e.payload,
    };
    if (e.event_action === 'trigger') alert.triggers += 1;
    alert.status = {
      trigger: 'triggered',
      acknowledge: 'acknowledged',
      resolve: 'resolved',
    }[e.event_action as 'trigger']!;
    alerts.set(e.dedup_key, alert);
    return {
      status: 202,
      body: {
        status: 'success',
        message: 'Event processed',
        dedup_key: e.dedup_key,
      },
    };
  };
  return { alerts, handle };
}

describe('PagerDutyChannel', () => {
  it('triggers, acknowledges and resolves one alert keyed by the incident', async () => {
    const pd = fakePagerDuty();
    const server = await startFakeServer(pd.handle);
    try {
      const channel = new PagerDutyChannel({
        url: server.url,
        routingKey: ROUTING_KEY,
        routingKeys: new Map(),
      });
      const opened = await channel.deliver(deliveryRequest());
      await channel.deliver(deliveryRequest({ attempt: 2 })); // redelivered
      const key = 'cloudops-6f1c2a9e-0d7b-4c1e-9a51-3b7f1e2d4c5a';
      expect(opened.result).toEqual({ dedupKey: key });
      expect(pd.alerts.get(key)).toMatchObject({
        status: 'triggered',
        payload: {
          severity: 'critical',
          source: 'component:default/checkout-service',
          custom_details: {
            rootCause: 'payments-db connection pool exhausted',
          },
        },
      });
      await channel.deliver(deliveryRequest({ event: 'acknowledged' }));
      expect(pd.alerts.get(key)!.status).toBe('acknowledged');
      await channel.deliver(deliveryRequest({ event: 'resolved' }));
      expect(pd.alerts.size).toBe(1);
      expect(pd.alerts.get(key)!.status).toBe('resolved');
      // Approval messages are not pages.
      const before = server.requests.length;
      await channel.deliver(deliveryRequest({ event: 'approval-requested' }));
      expect(server.requests.length).toBe(before);
    } finally {
      await server.close();
    }
  });

  it('fails permanently on an invalid event and names the problem', async () => {
    const pd = fakePagerDuty();
    const server = await startFakeServer(pd.handle);
    try {
      const channel = new PagerDutyChannel({
        url: server.url,
        routingKey: 'short',
        routingKeys: new Map(),
      });
      await expect(channel.deliver(deliveryRequest())).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('routing_key is invalid'),
      });
      server.answer(() => ({
        status: 429,
        body: {
          status: 'throttle event',
          message: 'Requests for this service are arriving too quickly',
        },
      }));
      await expect(channel.deliver(deliveryRequest())).rejects.toMatchObject({
        retryable: true,
      });
    } finally {
      await server.close();
    }
  });
});
