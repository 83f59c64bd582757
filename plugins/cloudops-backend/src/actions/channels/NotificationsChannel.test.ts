import { mockServices } from '@backstage/backend-test-utils';
import { DefaultNotificationService } from '@backstage/plugin-notifications-node';
import {
  checkoutIncident,
  deliveryRequest,
} from '../../__testUtils__/deliveryRequest';
import { startFakeServer } from '../../__testUtils__/fakeHttpServer';
import { NotificationsChannel } from './NotificationsChannel';

describe('NotificationsChannel', () => {
  async function setup() {
    const server = await startFakeServer();
    const channel = new NotificationsChannel(
      DefaultNotificationService.create({
        auth: mockServices.auth(),
        discovery: mockServices.discovery.mock({
          getBaseUrl: async pluginId => `${server.url}/api/${pluginId}`,
        }),
      }),
    );
    return { server, channel };
  }

  it('sends the owning team one notification per incident through the notifications API', async () => {
    const { server, channel } = await setup();
    try {
      await channel.deliver(deliveryRequest());
      await channel.deliver(
        deliveryRequest({
          event: 'resolved',
          incident: { ...checkoutIncident, state: 'resolved' },
        }),
      );
      expect(server.requests.map(r => [r.method, r.path])).toEqual([
        ['POST', '/api/notifications'],
        ['POST', '/api/notifications'],
      ]);
      expect(server.requests[0].headers.authorization).toMatch(/^Bearer /);
      expect(server.requests[0].body).toMatchObject({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/team-checkout',
        },
        payload: {
          title: '[CRITICAL] CrashLoopBackOff in shop/checkout-7d9',
          severity: 'critical',
          topic: 'cloudops-incident',
          link: expect.stringContaining('/incidents?incident='),
        },
      });
      // Same scope: the update replaces the team's notification.
      const scopes = server.requests.map(r => r.body.payload.scope);
      expect(scopes).toEqual([
        `cloudops:incident:${checkoutIncident.id}`,
        `cloudops:incident:${checkoutIncident.id}`,
      ]);
      expect(server.requests[1].body.payload.title).toBe(
        'Resolved: CrashLoopBackOff in shop/checkout-7d9',
      );
    } finally {
      await server.close();
    }
  });

  it('retries when the notifications backend fails, and gives up on an incident without owner', async () => {
    const { server, channel } = await setup();
    try {
      server.answer(() => ({ status: 503 }));
      await expect(channel.deliver(deliveryRequest())).rejects.toMatchObject({
        retryable: true,
      });
      await expect(
        channel.deliver(
          deliveryRequest({
            incident: { ...checkoutIncident, ownerRef: undefined },
            entity: undefined,
          }),
        ),
      ).rejects.toMatchObject({ retryable: false });
    } finally {
      await server.close();
    }
  });
});
