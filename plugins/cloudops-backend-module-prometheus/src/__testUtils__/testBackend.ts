import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import cloudopsModuleScaffolder from '@cloudops-ai/backstage-plugin-cloudops-backend-module-scaffolder';
import cloudopsModulePrometheus from '../index';
import { recordingAuditor } from './recordingAuditor';

function entity(
  name: string,
  annotations: Record<string, string>,
  system = 'shop',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', system },
  };
}

/** The services of the test clusters, as the catalog describes them. */
export const TEST_ENTITIES: Entity[] = [
  entity('checkout', {
    'backstage.io/kubernetes-id': 'checkout',
    'backstage.io/kubernetes-namespace': 'shop',
    'cloudops.ai/environment': 'production',
  }),
  entity('kafka', {
    'backstage.io/kubernetes-id': 'kafka',
    'backstage.io/kubernetes-namespace': 'data',
  }),
  entity('platform', { 'prometheus.io/labels': 'node=node-b' }, 'platform'),
];

/**
 * The CloudOps backend with the Prometheus module, on a real port, with
 * the test entities in the catalog, every permission allowed and an auditor
 * that records.
 */
export async function startCloudopsBackend(config: Record<string, unknown>) {
  const { audit, auditor } = recordingAuditor();
  let scheduler: SchedulerService | undefined;
  const backend = await startTestBackend({
    features: [
      cloudopsPlugin,
      cloudopsModulePrometheus,
      // The portal's scaffolder executor: the example Kubernetes rules name it.
      cloudopsModuleScaffolder,
      catalogServiceMock.factory({ entities: TEST_ENTITIES }),
      auditor.factory,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          cloudops: {
            rules: { watch: false },
            ...(config.cloudops as object),
          },
        },
      }),
      createBackendModule({
        pluginId: 'cloudops',
        moduleId: 'test-scheduler',
        register(env) {
          env.registerInit({
            deps: { pluginScheduler: coreServices.scheduler },
            async init({ pluginScheduler }) {
              scheduler = pluginScheduler;
            },
          });
        },
      }),
    ],
  });
  return { server: backend.server, backend, audit, scheduler: scheduler! };
}
