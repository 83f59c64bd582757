import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  cloudopsSignalSourcesExtensionPoint,
  SignalSink,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { cloudopsPlugin } from '../plugin';

jest.setTimeout(60_000);

describe('push sources', () => {
  it('push through the sink and report their deliveries to detector health', async () => {
    let sink: SignalSink | undefined;
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { cloudops: { rules: { watch: false } } },
        }),
        createBackendModule({
          pluginId: 'cloudops',
          moduleId: 'test-webhook',
          register(env) {
            env.registerInit({
              deps: { sources: cloudopsSignalSourcesExtensionPoint },
              async init({ sources }) {
                sources.addSource({
                  type: 'push',
                  id: 'test-webhook',
                  connect: s => {
                    sink = s;
                  },
                });
              },
            });
          },
        }),
      ],
    });

    const startedAt = new Date();
    await sink!.push([
      {
        source: 'alertmanager',
        kind: 'alert',
        name: 'Down',
        status: 'firing',
        timestamp: '2026-11-22T10:00:00Z',
        labels: { severity: 'high' },
      },
    ]);
    // A signal that does not fit its columns is refused with its batch.
    await expect(
      sink!.push([
        {
          source: 'alertmanager',
          kind: 'alert',
          name: 'Up',
          status: 'firing',
          timestamp: '2026-11-22T10:00:00Z',
        },
        {
          source: 'alertmanager',
          kind: 'alert',
          name: 'x'.repeat(300),
          status: 'firing',
          timestamp: '2026-11-22T10:00:00Z',
        },
      ]),
    ).rejects.toThrow(
      'Invalid signals from test-webhook: 1 of 2 signal(s) refused: signal 1: name: String must contain at most 255 character(s)',
    );
    // A long description and many labels are the source's to send.
    await sink!.push([
      {
        source: 'alertmanager',
        kind: 'alert',
        name: 'Verbose',
        status: 'firing',
        timestamp: '2026-11-22T10:00:00Z',
        message: 'x'.repeat(5000),
        labels: Object.fromEntries(
          Array.from({ length: 70 }, (_, i) => [`l${i}`, 'v']),
        ),
      },
    ]);
    await sink!.report!({ shard: 'prod', startedAt, items: 1 });
    await sink!.report!({
      shard: 'stg',
      startedAt,
      items: 0,
      error: 'alerts.0.startsAt: not a date',
    });

    const health = await request(server)
      .get('/api/cloudops/detectors/health')
      .expect(200);
    expect(
      health.body.items.map((h: any) => [
        h.detector,
        h.shard,
        h.lastRun.outcome,
        h.lastRun.items,
        h.lastRun.error,
        h.consecutiveFailures,
      ]),
    ).toEqual([
      ['test-webhook', 'prod', 'succeeded', 1, undefined, 0],
      ['test-webhook', 'stg', 'failed', 0, 'alerts.0.startsAt: not a date', 1],
    ]);
    const incidents = await request(server).get('/api/cloudops/incidents');
    expect(incidents.body.totalCount).toBe(2);
  });
});

describe('pull sources', () => {
  it('ingest what a partly failed pull read, and what of it fits, and record the problems', async () => {
    let scheduler: SchedulerService | undefined;
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { cloudops: { rules: { watch: false } } },
        }),
        createBackendModule({
          pluginId: 'cloudops',
          moduleId: 'test-pull',
          register(env) {
            env.registerInit({
              deps: {
                sources: cloudopsSignalSourcesExtensionPoint,
                pluginScheduler: coreServices.scheduler,
              },
              async init({ sources, pluginScheduler }) {
                scheduler = pluginScheduler;
                sources.addSource({
                  type: 'pull',
                  id: 'test-pull',
                  schedule: {
                    frequency: { minutes: 5 },
                    timeout: { minutes: 1 },
                  },
                  read: async () => ({
                    signals: [
                      {
                        source: 'prometheus',
                        kind: 'alert',
                        name: 'Down',
                        status: 'firing',
                        timestamp: '2026-11-22T10:00:00Z',
                      },
                      {
                        source: 'prometheus',
                        kind: 'alert',
                        name: 'Down',
                        status: 'firing',
                        timestamp: '2026-11-22T10:00:00Z',
                        account: 'a'.repeat(65),
                      },
                    ],
                    problems: ['rule bad-query: parse error'],
                  }),
                });
              },
            });
          },
        }),
      ],
    });
    await scheduler!.triggerTask('cloudops:test-pull');
    const health = await request(server)
      .get('/api/cloudops/detectors/health')
      .expect(200);
    expect(health.body.items).toEqual([
      expect.objectContaining({
        detector: 'test-pull',
        shard: 'default',
        lastRun: expect.objectContaining({
          outcome: 'failed',
          error:
            '1 signal(s) read, but: rule bad-query: parse error; 1 of 2 signal(s) refused: signal 1: account: String must contain at most 64 character(s)',
        }),
      }),
    ]);
    const incidents = await request(server).get('/api/cloudops/incidents');
    expect(incidents.body.totalCount).toBe(1);
  });
});
