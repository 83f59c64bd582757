import {
  AuditorServiceEvent,
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import cloudopsModulePrometheus from '../index';

/** What the auditor was told: each event, and how it ended. */
export interface AuditRecord {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome?: 'succeeded' | 'failed';
  error?: string;
}

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
  const audit: AuditRecord[] = [];
  let scheduler: SchedulerService | undefined;
  const auditor = mockServices.auditor.mock({
    createEvent: async options => {
      const record: AuditRecord = {
        eventId: options.eventId,
        meta: options.meta as Record<string, unknown>,
      };
      audit.push(record);
      const event: AuditorServiceEvent = {
        success: async params => {
          record.outcome = 'succeeded';
          record.meta = { ...record.meta, ...params?.meta };
        },
        fail: async params => {
          record.outcome = 'failed';
          record.error = String(params.error?.message ?? params.error);
        },
      };
      return event;
    },
  });
  const backend = await startTestBackend({
    features: [
      cloudopsPlugin,
      cloudopsModulePrometheus,
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
