import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { cloudopsSignalSourcesExtensionPoint } from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { cloudopsPlugin } from '../plugin';

jest.setTimeout(60_000);

describe('detector health routes', () => {
  it('serve each shard latest run and the run history', async () => {
    let scheduler: SchedulerService | undefined;
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            cloudops: {
              rules: {
                watch: false,
                inline: [
                  {
                    id: 'ec2-cpu',
                    match: { kind: 'metric', name: 'CPUUtilization' },
                    condition: { type: 'threshold', op: '>', value: 90 },
                    severity: 'high',
                  },
                ],
              },
            },
          },
        }),
        createBackendModule({
          pluginId: 'cloudops',
          moduleId: 'test-source',
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
                  id: 'cloudwatch-metrics',
                  schedule: {
                    frequency: { minutes: 5 },
                    timeout: { minutes: 1 },
                  },
                  shards: async () => ['111111111111', '222222222222'],
                  read: async ({ shard, rules }) => {
                    // Sources fetch what the rules in force look at.
                    expect(rules.map(rule => rule.id)).toEqual(['ec2-cpu']);
                    if (shard === '222222222222') {
                      throw new Error('AccessDenied: sts:AssumeRole');
                    }
                    return [
                      {
                        source: 'cloudwatch',
                        kind: 'metric',
                        name: 'CPUUtilization',
                        timestamp: '2026-11-22T10:00:00Z',
                        value: 12,
                        account: shard,
                      },
                    ];
                  },
                });
              },
            });
          },
        }),
      ],
    });

    await scheduler!.triggerTask('cloudops:cloudwatch-metrics:shards');
    await scheduler!.triggerTask('cloudops:cloudwatch-metrics:111111111111');
    await scheduler!.triggerTask('cloudops:cloudwatch-metrics:222222222222');

    const health = await request(server)
      .get('/api/cloudops/detectors/health')
      .expect(200);
    expect(
      health.body.items.map((h: any) => [
        h.shard,
        h.lastRun.outcome,
        h.lastRun.items,
        h.lastRun.error,
      ]),
    ).toEqual([
      ['*', 'succeeded', 2, undefined],
      ['111111111111', 'succeeded', 1, undefined],
      ['222222222222', 'failed', 0, 'AccessDenied: sts:AssumeRole'],
    ]);

    const runs = await request(server)
      .get('/api/cloudops/detectors/runs')
      .query({ detector: 'cloudwatch-metrics', shard: '111111111111' })
      .expect(200);
    expect(runs.body.items).toHaveLength(1);
    await request(server)
      .get('/api/cloudops/detectors/runs')
      .query({ limit: 0 })
      .expect(400);
    // A cursor past the ids' range is bad input, not a database error.
    await request(server)
      .get('/api/cloudops/detectors/runs')
      .query({ before: '9'.repeat(20) })
      .expect(400);
  });
});
