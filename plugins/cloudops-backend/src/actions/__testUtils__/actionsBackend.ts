import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import supertest from 'supertest';
import {
  ActionDeliveryRequest,
  CloudopsActionChannel,
  cloudopsActionsExtensionPoint,
  CloudopsRemediationExecutor,
  RemediationPlan,
  RemediationRun,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { shopEntities } from '../../__testUtils__/testEntities';
import { cloudopsPlugin } from '../../plugin';

/** The checkout team, whose channel annotation routes its incidents. */
export const teamCheckout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'team-checkout',
    namespace: 'default',
    annotations: { 'slack.com/channel': 'checkout-hook' },
  },
  spec: { type: 'team', children: [] },
};

/** A chat channel that records what it is handed (stands in for Slack). */
export function recordingChannel() {
  const delivered: ActionDeliveryRequest[] = [];
  const channel: CloudopsActionChannel = {
    id: 'slack',
    kinds: ['notify'],
    ownerTargetAnnotation: 'slack.com/channel',
    async deliver(request) {
      delivered.push(request);
      return { result: { ts: `${delivered.length}.0` } };
    },
  };
  return { channel, delivered };
}

/** An executor that records what it is asked to do (stands in for SSM). */
export function recordingExecutor(
  plan: (ref: string) => RemediationPlan = () => ({
    targets: ['i-0abc'],
    costImpact: 'neutral',
  }),
) {
  const runs: Array<Pick<RemediationRun, 'ref' | 'dryRun' | 'idempotencyKey'>> =
    [];
  const executor: CloudopsRemediationExecutor = {
    id: 'ssm',
    supportsDryRun: true,
    plan: async run => plan(run.ref),
    async execute(run) {
      runs.push({
        ref: run.ref,
        dryRun: run.dryRun,
        idempotencyKey: run.idempotencyKey,
      });
      await run.progress('step 1 of 1 done', { step: 1 });
      return {
        status: 'succeeded',
        summary: run.dryRun
          ? 'would restart 1 instance'
          : 'restarted 1 instance',
        outputs: { instances: ['i-0abc'] },
        executionId: `exec-${runs.length}`,
      };
    },
  };
  return { executor, runs };
}

/**
 * The plugin in a test backend with the shop estate, the checkout team, a
 * recording executor, fast delivery settings and the given `cloudops`
 * config; permissions allow everything unless `deny` says which user is
 * refused which permission.
 */
export async function startActionsBackend(options: {
  cloudops: Record<string, unknown>;
  executor?: CloudopsRemediationExecutor;
  channel?: CloudopsActionChannel;
  deny?: (user: string | undefined, permission: string) => boolean;
  /** More modules for the backend (detectors, …). */
  features?: BackendFeature[];
  /** The database to run on (a TestDatabases knex); in-memory SQLite when absent. */
  knex?: Knex;
}) {
  const { cloudops } = options;
  const actions = (cloudops.actions ?? {}) as Record<string, any>;
  const { server } = await startTestBackend({
    features: [
      ...(options.features ?? []),
      cloudopsPlugin,
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      catalogServiceMock.factory({ entities: [...shopEntities, teamCheckout] }),
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
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.test' },
          cloudops: {
            ...cloudops,
            rules: { watch: false, ...(cloudops.rules as object) },
            actions: {
              ...actions,
              delivery: {
                initialBackoff: { milliseconds: 50 },
                maxBackoff: { milliseconds: 200 },
                timeout: { milliseconds: 500 },
                pollInterval: { milliseconds: 100 },
                maxAttempts: 3,
                ...actions.delivery,
              },
            },
          },
        },
      }),
      createBackendModule({
        pluginId: 'cloudops',
        moduleId: 'test-actions',
        register(env) {
          env.registerInit({
            deps: { actions: cloudopsActionsExtensionPoint },
            async init({ actions: point }) {
              if (options.executor) point.addExecutor(options.executor);
              if (options.channel) point.addChannel(options.channel);
            },
          });
        },
      }),
    ],
  });
  return server;
}

/** Raises an incident on the entity through the API; returns its id. */
export async function raiseIncident(
  server: any,
  entityRef: string,
  severity = 'high',
) {
  const res = await supertest(server)
    .post('/api/cloudops/incidents')
    .send({ title: 'Checkout errors', severity, entityRef })
    .expect(201);
  return res.body.id as string;
}
