import { createBackendModule } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import request from 'supertest';
import { shopEntities } from './__testUtils__/testEntities';
import { cloudopsPlugin } from './plugin';

jest.setTimeout(60_000);

/**
 * Incident changes reach the portal as Backstage signals: the default
 * signals service publishes them on the events service's `signals` topic,
 * which the signals backend forwards to browsers.
 */
describe('live incident updates', () => {
  async function start() {
    const published: EventParams[] = [];
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        catalogServiceMock.factory({ entities: shopEntities }),
        createBackendModule({
          pluginId: 'cloudops',
          moduleId: 'test-signals',
          register(env) {
            env.registerInit({
              deps: { events: eventsServiceRef },
              async init({ events }) {
                await events.subscribe({
                  id: 'test-signals',
                  topics: ['signals'],
                  async onEvent(event) {
                    published.push(event);
                  },
                });
              },
            });
          },
        }),
      ],
    });
    return { server, published };
  }

  async function nextMessage(published: EventParams[], after: number) {
    for (let i = 0; i < 100 && published.length <= after; i++) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(published.length).toBeGreaterThan(after);
    return published[published.length - 1].eventPayload as any;
  }

  it('broadcasts the incidents that ingestion and people change', async () => {
    const { server, published } = await start();
    const pushed = await request(server)
      .post('/api/cloudops/signals')
      .send({
        signals: [
          {
            source: 'alertmanager',
            kind: 'alert',
            name: 'KubePodCrashLooping',
            status: 'firing',
            timestamp: '2026-11-22T10:00:00Z',
            labels: { app: 'checkout', severity: 'critical' },
          },
        ],
      });
    expect(pushed.status).toBe(202);
    const [incidentId] = pushed.body.incidentIds;

    expect(await nextMessage(published, 0)).toEqual({
      recipients: { type: 'broadcast' },
      channel: 'cloudops:incidents',
      message: { incidentIds: [incidentId], more: 0 },
    });

    const count = published.length;
    const acked = await request(server)
      .post(`/api/cloudops/incidents/${incidentId}/transition`)
      .send({ to: 'acknowledged' });
    expect(acked.status).toBe(200);
    expect((await nextMessage(published, count)).message).toEqual({
      incidentIds: [incidentId],
      more: 0,
    });

    // A refused change changes nothing and announces nothing.
    const before = published.length;
    const refused = await request(server)
      .post(`/api/cloudops/incidents/${incidentId}/transition`)
      .send({ to: 'open' });
    expect(refused.status).toBe(409);
    await new Promise(resolve => setTimeout(resolve, 700));
    expect(published).toHaveLength(before);
  });
});
