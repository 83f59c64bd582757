import {
  BackendFeature,
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import {
  cloudopsActionsExtensionPoint,
  cloudopsWasteDetectorsExtensionPoint,
  CloudopsRemediationExecutor,
  detectEbsOrphan,
  detectKubernetesRequests,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { CloudopsApi } from '../CloudopsApi';

export const ANA = 'user:default/ana.silva';
export const BOB = 'user:default/bob.jones';

const component = (name: string, environment?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': name,
      ...(environment ? { 'cloudops.ai/environment': environment } : {}),
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-checkout' },
});

/**
 * checkout runs in production (approvals); web in staging (none: an unknown
 * environment counts as production).
 */
export const ENTITIES = [
  component('checkout', 'production'),
  component('web', 'staging'),
];

/** Stands in for the AWS module's SSM Automation executor (same id). */
function ssmExecutor(runs: RemediationRun[]): CloudopsRemediationExecutor {
  return {
    id: 'aws-ssm-automation',
    supportsDryRun: false,
    plan: async run => ({
      targets: Object.values(run.parameters).flat().map(String),
      costImpact: run.ref.includes('Delete') ? 'decrease' : 'neutral',
    }),
    async execute(run) {
      runs.push(run);
      if (run.ref === 'CloudOps-Broken') {
        return {
          status: 'failed',
          summary: 'Step 2 failed: AccessDenied',
          outputs: {},
        };
      }
      return {
        status: 'succeeded',
        summary: `${run.ref} finished`,
        outputs: { restarted: run.parameters.InstanceId ?? [] },
        executionId: `exec-${runs.length}`,
      };
    },
  };
}

/** Two weeks of hourly usage of an over-provisioned checkout container. */
function checkoutUsage(now: Date) {
  const end = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const hours = Array.from({ length: 14 * 24 }, (_, i) => end - i * 3_600_000);
  return {
    cluster: 'prod',
    namespace: 'shop',
    workloadKind: 'Deployment',
    workloadName: 'checkout',
    container: 'app',
    replicas: 6,
    nodeInstanceType: 'm5.xlarge',
    labels: { 'backstage.io/kubernetes-id': 'checkout' },
    cpuRequestCores: 2,
    memoryRequestBytes: 4 * 2 ** 30,
    cpu: hours.map(timestamp => ({ timestamp, value: 0.2 })),
    memory: hours.map(timestamp => ({ timestamp, value: 600 * 2 ** 20 })),
  };
}

/** The account of the orphan volume. */
export const ORPHAN_ACCOUNT = '111111111111';
export const ORPHAN_VOLUME = 'vol-0123456789abcdef0';

/** A gp3 volume of web's, unattached for 30 days. */
function orphanVolume(now: Date) {
  return {
    arn: `arn:aws:ec2:us-east-1:${ORPHAN_ACCOUNT}:volume/${ORPHAN_VOLUME}`,
    volumeId: ORPHAN_VOLUME,
    region: 'us-east-1',
    account: ORPHAN_ACCOUNT,
    volumeType: 'gp3',
    sizeGiB: 500,
    state: 'available',
    createTime: new Date(now.getTime() - 90 * 86_400_000),
    lastDetachedAt: new Date(now.getTime() - 30 * 86_400_000),
  };
}

/**
 * The real cloudops backend (its REST API, policy, approvals, audit and
 * ledger) on a port, with an `aws-ssm-automation` executor and a
 * Kubernetes requests detector; `api` reaches it the way the scaffolder
 * module does, on behalf of a user.
 */
export async function startCloudopsBackend(
  options: {
    cloudops?: Record<string, unknown>;
    deny?: (user: string | undefined, permission: string) => boolean;
    /** More plugins and modules (the scaffolder, …) and their config. */
    features?: BackendFeature[];
    config?: Record<string, unknown>;
    entities?: Entity[];
    /** Adds an EBS detector that finds web's orphan volume (see `detectOrphanVolume`). */
    orphanVolume?: boolean;
  } = {},
) {
  const runs: RemediationRun[] = [];
  let scheduler: SchedulerService | undefined;
  const backend = await startTestBackend({
    features: [
      ...(options.features ?? []),
      cloudopsPlugin,
      catalogServiceMock.factory({
        entities: [...ENTITIES, ...(options.entities ?? [])],
      }),
      mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(r => ({
            result: options.deny?.(
              (credentials.principal as { userEntityRef?: string })
                .userEntityRef,
              r.permission.name,
            )
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          })),
        // The scaffolder asks for conditions on its own permissions.
        authorizeConditional: async requests =>
          requests.map(() => ({
            result: AuthorizeResult.ALLOW as AuthorizeResult.ALLOW,
          })),
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          cloudops: {
            rules: { watch: false },
            rca: { enabled: false },
            actions: {
              delivery: {
                initialBackoff: { milliseconds: 50 },
                pollInterval: { milliseconds: 50 },
              },
            },
            ...options.cloudops,
          },
        },
      }),
      createBackendModule({
        pluginId: 'cloudops',
        moduleId: 'test-estate',
        register(env) {
          env.registerInit({
            deps: {
              actions: cloudopsActionsExtensionPoint,
              waste: cloudopsWasteDetectorsExtensionPoint,
              pluginScheduler: coreServices.scheduler,
            },
            async init({ actions, waste, pluginScheduler }) {
              scheduler = pluginScheduler;
              actions.addExecutor(ssmExecutor(runs));
              waste.addDetector({
                id: 'k8s-requests',
                shards: async () => ['prod'],
                async detect({ now, prices }) {
                  const finding = detectKubernetesRequests(
                    checkoutUsage(now),
                    (await prices('us-east-1'))!,
                    now,
                  );
                  return finding ? [finding] : [];
                },
              });
              if (options.orphanVolume) {
                waste.addDetector({
                  id: 'aws-ebs',
                  shards: async () => [ORPHAN_ACCOUNT],
                  async detect({ now, prices }) {
                    const finding = detectEbsOrphan(
                      orphanVolume(now),
                      await prices('us-east-1'),
                      now,
                    );
                    return finding
                      ? [{ ...finding, entityRef: 'component:default/web' }]
                      : [];
                  },
                });
              }
            },
          });
        },
      }),
    ],
  });
  const { server } = backend;
  const port = (server.address() as AddressInfo).port;
  const api = new CloudopsApi({
    discovery: {
      getBaseUrl: async () => `http://localhost:${port}/api/cloudops`,
      getExternalBaseUrl: async () => `http://localhost:${port}/api/cloudops`,
    },
    auth: mockServices.auth(),
  });
  const as = (user: string) => mockCredentials.user.header(user);
  return {
    server,
    api,
    runs,
    async raise(entity: 'checkout' | 'web', severity = 'high') {
      const res = await request(server)
        .post('/api/cloudops/incidents')
        .set('Authorization', as(ANA))
        .send({
          title: `${entity} errors`,
          severity,
          entityRef: `component:default/${entity}`,
        })
        .expect(201);
      return res.body.id as string;
    },
    /** Runs the detector; returns the checkout requests opportunity. */
    async detect() {
      for (const task of ['k8s-requests:shards', 'k8s-requests:prod']) {
        await scheduler!.triggerTask(`cloudops:${task}`);
      }
      const res = await request(server)
        .get('/api/cloudops/opportunities')
        .set('Authorization', as(ANA))
        .expect(200);
      return res.body.items[0] as { id: string; state: string };
    },
    /** Runs the EBS detector; returns web's orphan volume opportunity. */
    async detectOrphanVolume() {
      for (const task of ['aws-ebs:shards', `aws-ebs:${ORPHAN_ACCOUNT}`]) {
        await scheduler!.triggerTask(`cloudops:${task}`);
      }
      const res = await request(server)
        .get('/api/cloudops/opportunities?kind=ebs-orphan')
        .set('Authorization', as(ANA))
        .expect(200);
      return res.body.items[0] as {
        id: string;
        state: string;
        remediation: { parameters: Record<string, unknown> };
      };
    },
    /**
     * Waits for the first request awaiting approval in a list
     * (`remediations?incidentId=…`, `opportunities/<id>/remediations`).
     */
    async awaitingApproval(list: string) {
      for (let i = 0; i < 400; i++) {
        const res = await request(server)
          .get(`/api/cloudops/${list}`)
          .set('Authorization', as(ANA))
          .expect(200);
        const found = res.body.items.find(
          (r: any) => r.state === 'awaiting-approval',
        );
        if (found) return found;
        await new Promise(r => setTimeout(r, 25));
      }
      throw new Error(`nothing in ${list} came to await approval`);
    },
    /** `user` approves a request (Bob, not the requester, by default). */
    approve: (id: string, user = BOB) =>
      request(server)
        .post(`/api/cloudops/remediations/${id}/decision`)
        .set('Authorization', as(user))
        .send({ decision: 'approve' })
        .expect(200),
    get: (path: string) =>
      request(server)
        .get(`/api/cloudops${path}`)
        .set('Authorization', as(ANA))
        .expect(200)
        .then(res => res.body),
    post: (path: string, body: object, user = ANA) =>
      request(server)
        .post(`/api/cloudops${path}`)
        .set('Authorization', as(user))
        .send(body),
  };
}
