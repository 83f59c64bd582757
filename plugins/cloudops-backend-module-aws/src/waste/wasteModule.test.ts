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
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { awsComponent } from '../__testUtils__/awsEntities';
import {
  AwsTestEnvironment,
  ROLE_NAME,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { cloudopsModuleAws } from '../module';
import { seedPriceProducts } from './__testUtils__/priceProducts';
import { seedWasteShapes, WasteFleet } from './__testUtils__/wasteFleet';

jest.setTimeout(90_000);

const A = '111111111111';
const B = '222222222222';
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
    let scheduler: SchedulerService | undefined;
    const idleDb = fleet.expected.find(e => e.id.endsWith(':db:idle-db'))!;
    const { server } = await startTestBackend({
      features: [
        cloudopsPlugin,
        cloudopsModuleAws,
        schedulerProbe(s => {
          scheduler = s;
        }),
        catalogServiceMock.factory({
          entities: [awsComponent('orders', [idleDb.id])],
        }),
        mockServices.rootConfig.factory({
          data: {
            aws: env.awsConfig as JsonObject,
            cloudops: {
              rules: { watch: false },
              aws: {
                regions: [REGION],
                accounts: [{ accountId: A }, { accountId: B }],
                maxAttempts: 1,
                metrics: { enabled: false },
                alarms: { enabled: false },
                eventBridge: { enabled: false },
                pricing: { enabled: true },
              },
              savings: {
                validation: { validateAfterDays: 0 },
                currency: 'EUR',
                accounts: [{ id: A, currency: 'EUR', usdRate: EUR_PER_USD }],
              },
            },
          },
        }),
      ],
    });
    for (const detector of DETECTORS) {
      await scheduler!.triggerTask(`cloudops:${detector}:shards`);
      await scheduler!.triggerTask(`cloudops:${detector}:${A}`);
      await scheduler!.triggerTask(`cloudops:${detector}:${B}`);
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
    await scheduler!.triggerTask(`cloudops:aws-ec2:validation:${A}`);
    const notYet = await request(server).get(
      `/api/cloudops/opportunities/${idleInstance.id}`,
    );
    expect(notYet.body.state).toBe('merged');
    fleet.instances.get('i-0idle')!.instanceState = {
      code: 80,
      name: 'stopped',
    };
    await scheduler!.triggerTask(`cloudops:aws-ec2:validation:${A}`);
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
});
