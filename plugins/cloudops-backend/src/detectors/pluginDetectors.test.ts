import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { shopEntities } from '../__testUtils__/testEntities';
import { cloudopsPlugin } from '../plugin';

jest.setTimeout(60_000);

const latencyRule = {
  id: 'latency-anomaly',
  match: { kind: 'metric', name: 'latency_ms' },
  condition: {
    type: 'anomaly',
    score: 0.9999,
    fallback: { op: '>', value: 500 },
  },
  severity: 'high',
};

describe('the plugin with its built-in detectors', () => {
  it('scores anomaly rules during ingestion (cold start: the fallback threshold)', async () => {
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        catalogServiceMock.factory({ entities: shopEntities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            cloudops: { rules: { inline: [latencyRule], watch: false } },
          },
        }),
      ],
    });
    const signal = (minute: number, value: number) => ({
      source: 'prometheus',
      kind: 'metric',
      name: 'latency_ms',
      value,
      timestamp: new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString(),
      labels: { app: 'web' },
    });
    // The first batch of a series is queued while its saved state (none) is
    // looked up, which waits for the batch's transaction: then learned.
    const first = await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: [signal(0, 120), signal(1, 130)] });
    expect(first.status).toBe(202);
    const posted = await request(server)
      .post('/api/cloudops/signals')
      .send({ signals: [signal(2, 900)] });
    expect(posted.status).toBe(202);
    const list = await request(server).get('/api/cloudops/incidents');
    expect(list.body.items).toEqual([
      expect.objectContaining({ ruleId: 'latency-anomaly', severity: 'high' }),
    ]);
    const incident = await request(server).get(
      `/api/cloudops/incidents/${list.body.items[0].id}`,
    );
    expect(JSON.stringify(incident.body.timeline)).toMatch(
      /latency_ms 900 > 500 \(fallback threshold: cold start: 3 of 251 points\)/,
    );

    const entity = await request(server).get(
      '/api/cloudops/entities/anomaly?entityRef=component:default/web',
    );
    expect(entity.status).toBe(404);
    expect(entity.body.error.message).toMatch(
      /No multivariate anomaly score for component:default\/web yet/,
    );
  });
});
