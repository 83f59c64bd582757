import path from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
// The module is tested inside the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import cloudopsModuleScaffolder from '@cloudops-ai/backstage-plugin-cloudops-backend-module-scaffolder';
import cloudopsModuleDemo from '../index';
import { EXAMPLES, exampleEntities } from './exampleEstate';

/** The rule files and runbooks the portal's app-config names. */
export const EXAMPLE_RULES = [
  'rules/kubernetes.yaml',
  'rules/aws.yaml',
  'rules/predictive.yaml',
  'prometheus/cloudops-rules.yaml',
].map(f => path.join(EXAMPLES, f));
export const EXAMPLE_RUNBOOKS = [
  'kubernetes.yaml',
  'shop.yaml',
  'platform.yaml',
].map(f => path.join(EXAMPLES, 'runbooks', f));

/**
 * The CloudOps backend with the demo module, the example catalog and the
 * example rules and runbooks, as the portal wires them, except: simulated
 * time runs `timeScale` times faster, shards are read every second, the
 * chaos timer and the history's past faults are off, RCA runs right away, Backstage notifications go to a
 * recorder, and the savings detector is off unless `savings` is set (it
 * reads 14 days of usage, which would slow the scenarios down).
 */
export async function startDemoBackend(
  options: {
    timeScale?: number;
    savings?: boolean;
    cloudops?: Record<string, unknown>;
    /** More service factories, e.g. a permissions mock. */
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
) {
  const sent: NotificationSendOptions[] = [];
  const backend = await startTestBackend({
    features: [
      cloudopsPlugin,
      cloudopsModuleDemo,
      // The portal's scaffolder executor: the example Kubernetes rules name it.
      cloudopsModuleScaffolder,
      // The real scheduler: the demo's shards are read every second.
      schedulerServiceFactory,
      catalogServiceMock.factory({ entities: await exampleEntities() }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification: NotificationSendOptions) {
            sent.push(notification);
          },
        }),
      }),
      ...(process.env.DEMO_LOG
        ? [
            mockServices.rootLogger.factory({
              level: process.env.DEMO_LOG as any,
            }),
          ]
        : []),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          cloudops: {
            rules: { watch: false, files: EXAMPLE_RULES },
            catalog: { changeCheckInterval: { milliseconds: 200 } },
            rca: {
              debounce: { milliseconds: 200 },
              runbooks: EXAMPLE_RUNBOOKS,
            },
            actions: {
              // The fast clock starts up to 10 hours behind the wall clock.
              maxEventAge: { hours: 13 },
              routes: [{ notify: [{ channel: 'notifications' }] }],
              delivery: {
                initialBackoff: { milliseconds: 50 },
                maxBackoff: { milliseconds: 200 },
                pollInterval: { milliseconds: 100 },
                maxAttempts: 2,
              },
            },
            demo: {
              timeScale: options.timeScale ?? 60,
              pullInterval: { seconds: 1 },
              chaos: { enabled: false },
              history: { pastFaults: { enabled: false } },
              savings: { enabled: options.savings ?? false },
            },
            ...options.cloudops,
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return { backend, server: backend.server, sent };
}
