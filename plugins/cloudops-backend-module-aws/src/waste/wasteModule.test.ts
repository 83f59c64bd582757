import {
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside its plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  PriceList,
  shippedRegionPrices,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import request from 'supertest';
import { awsComponent } from '../__testUtils__/awsEntities';
import {
  AwsTestEnvironment,
  EXTERNAL_ID,
  ROLE_NAME,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { cloudopsModuleAws } from '../module';
import { seedPriceProducts } from './__testUtils__/priceProducts';
import { seedWasteShapes, WasteFleet } from './__testUtils__/wasteFleet';

jest.setTimeout(90_000);

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const REGION = 'eu-west-1';
const DETECTORS = ['aws-ec2', 'aws-ecs', 'aws-ebs', 'aws-elb', 'aws-rds'];
/** What the fake Price List API says an m5.xlarge costs in eu-west-1. */
const M5_XLARGE_HOUR = 0.25;
/** Account A is billed in euros. */
const EUR_PER_USD = 0.9;

function schedulerProbe(found: (scheduler: SchedulerService) => void) {
  return createBackendModule({
    pluginId: 'cloudops',
    moduleId: 'test-scheduler-probe',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          found(scheduler);
        },
      });
    },
  });
}

/**
 * The plugin with the module on the fake AWS (no signal sources), the
 * given module and savings settings, and a catalog of `entities`.
 */
async function startCloudops(
  env: AwsTestEnvironment,
  options: { aws: JsonObject; savings: JsonObject; entities?: Entity[] },
) {
  let scheduler: SchedulerService | undefined;
  const { server } = await startTestBackend({
    features: [
      cloudopsPlugin,
      cloudopsModuleAws,
      schedulerProbe(s => {
        scheduler = s;
      }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({
        data: {
          aws: env.awsConfig as JsonObject,
          cloudops: {
            rules: { watch: false },
            aws: {
              regions: [REGION],
              maxAttempts: 1,
              metrics: { enabled: false },
              alarms: { enabled: false },
              eventBridge: { enabled: false },
              ...options.aws,
            },
            savings: options.savings,
          },
        },
      }),
    ],
  });
  return { server, scheduler: scheduler! };
}

describe('AWS waste detectors in the CloudOps plugin', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([A]);
    env.fake.addAccount(B, { name: ROLE_NAME, trust: 'deny' });
  });
  afterEach(() => env.stop());

  it('turns what the detectors find in every account into opportunities, priced by the Price List API', async () => {
    const fleet = new WasteFleet(env.fake, A, REGION, new Date());
    seedWasteShapes(fleet);
    seedPriceProducts(env.fake, REGION, {
      instances: { 'm5.xlarge': M5_XLARGE_HOUR },
      gp3GbMonth: 0.088,
      albHour: 0.0252,
      rds: { 'db.m5.large': 0.19 },
      rdsStorageGbMonth: 0.127,
      fargate: { vcpuHour: 0.04456, gbHour: 0.004865 },
    });
    const idleDb = fleet.expected.find(e => e.id.endsWith(':db:idle-db'))!;
    const { server, scheduler } = await startCloudops(env, {
      entities: [awsComponent('orders', [idleDb.id])],
      aws: {
        accounts: [{ accountId: A }, { accountId: B }],
        pricing: { enabled: true },
      },
      savings: {
        validation: { validateAfterDays: 0 },
        currency: 'EUR',
        accounts: [{ id: A, currency: 'EUR', usdRate: EUR_PER_USD }],
      },
    });
    for (const detector of DETECTORS) {
      await scheduler.triggerTask(`cloudops:${detector}:shards`);
      await scheduler.triggerTask(`cloudops:${detector}:${A}`);
      await scheduler.triggerTask(`cloudops:${detector}:${B}`);
    }

    const list = await request(server)
      .get('/api/cloudops/opportunities')
      .query({ limit: 100 })
      .expect(200);
    const found = Object.fromEntries(
      list.body.items.map((o: any) => [o.resource.id, o.kind]),
    );
    const expected = Object.fromEntries(
      Object.entries(fleet.expectedKinds()).filter(([, k]) => k !== 'none'),
    );
    expect(found).toEqual(expected);

    const idleInstance = list.body.items.find(
      (o: any) => o.kind === 'ec2-idle',
    );
    expect(idleInstance).toMatchObject({
      detector: 'aws-ec2',
      shard: A,
      currency: 'EUR',
      state: 'detected',
    });
    expect(idleInstance.monthlySavings).toBeCloseTo(
      M5_XLARGE_HOUR * 730 * EUR_PER_USD,
      6,
    );
    expect(
      list.body.items.find((o: any) => o.kind === 'rds-idle'),
    ).toMatchObject({
      entityRef: 'component:default/orders',
      remediation: { template: expect.any(String) },
    });

    // The instance is stopped through the ledger's loop; the detector's
    // measurement after the merge validates it.
    const move = (body: object) =>
      request(server)
        .post(`/api/cloudops/opportunities/${idleInstance.id}/transition`)
        .send(body)
        .expect(200);
    await move({
      to: 'pr_opened',
      pullRequestUrl: 'https://github.com/acme/infra/pull/9',
    });
    await move({ to: 'approved' });
    await move({ to: 'merged' });
    // Validation runs per shard of the changed opportunities, listed anew.
    await scheduler.triggerTask('cloudops:aws-ec2:validation:shards');
    await scheduler.triggerTask(`cloudops:aws-ec2:validation:${A}`);
    const notYet = await request(server).get(
      `/api/cloudops/opportunities/${idleInstance.id}`,
    );
    expect(notYet.body.state).toBe('merged');
    fleet.instances.get('i-0idle')!.instanceState = {
      code: 80,
      name: 'stopped',
    };
    await scheduler.triggerTask(`cloudops:aws-ec2:validation:${A}`);
    const validated = await request(server).get(
      `/api/cloudops/opportunities/${idleInstance.id}`,
    );
    expect(validated.body.state).toBe('validated');
    expect(validated.body.observations).toMatchObject([
      { applied: false },
      { applied: true, costSource: 'usage-x-price' },
    ]);

    const health = await request(server)
      .get('/api/cloudops/detectors/health')
      .expect(200);
    const rows = health.body.items
      .filter((h: any) => DETECTORS.includes(h.detector))
      .map((h: any) => [h.detector, h.shard, h.lastRun.outcome]);
    for (const detector of DETECTORS) {
      expect(rows).toContainEqual([detector, A, 'succeeded']);
      expect(rows).toContainEqual([detector, B, 'failed']);
    }
    const denied = health.body.items.find(
      (h: any) => h.detector === 'aws-ebs' && h.shard === B,
    );
    expect(denied.lastRun.error).toMatch(
      /^222222222222 eu-west-1: AccessDenied: .*sts:AssumeRole/,
    );
  });

  it("prices each account's resources in its currency when a shard holds several accounts", async () => {
    env.fake.addAccount(C, { name: ROLE_NAME, externalId: EXTERNAL_ID });
    for (const account of [A, C]) {
      new WasteFleet(env.fake, account, REGION, new Date()).instance({
        id: `i-0idle${account.slice(0, 1)}`,
        type: 'm5.xlarge',
        label: 'idle',
        cpu: () => 1,
        networkBytes: () => 100_000,
      });
    }
    const { server, scheduler } = await startCloudops(env, {
      aws: {
        accounts: [{ accountId: A }, { accountId: C }],
        accountsPerShard: 2,
        waste: { detectors: ['ec2'] },
      },
      savings: {
        accounts: [{ id: A, currency: 'EUR', usdRate: EUR_PER_USD }],
      },
    });
    await scheduler.triggerTask('cloudops:aws-ec2:shards');
    await scheduler.triggerTask('cloudops:aws-ec2:accounts-1-of-1');

    const list = await request(server)
      .get('/api/cloudops/opportunities')
      .expect(200);
    const monthly = new PriceList(shippedRegionPrices(REGION)!).instance(
      'm5.xlarge',
    )!.monthly;
    const priced = list.body.items
      .map((o: any) => [o.shard, o.account, o.currency, o.monthlySavings])
      .sort();
    expect(priced).toEqual([
      ['accounts-1-of-1', A, 'EUR', expect.closeTo(monthly * EUR_PER_USD, 6)],
      ['accounts-1-of-1', C, 'USD', expect.closeTo(monthly, 6)],
    ]);
    expect(list.body.totals).toEqual([
      {
        currency: 'EUR',
        monthlySavings: expect.closeTo(monthly * EUR_PER_USD, 6),
      },
      { currency: 'USD', monthlySavings: expect.closeTo(monthly, 6) },
    ]);
  });
});
