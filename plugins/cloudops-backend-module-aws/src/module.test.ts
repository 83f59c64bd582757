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
import request from 'supertest';
import { awsComponent } from './__testUtils__/awsEntities';
import {
  AwsTestEnvironment,
  ROLE_NAME,
  startAwsTestEnvironment,
} from './__testUtils__/awsTestEnvironment';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  albErrorRate,
  inlineRules,
  queueDepth,
} from './__testUtils__/awsRules';
import { cloudopsModuleAws } from './module';

jest.setTimeout(60_000);

const A = '111111111111';
const B = '222222222222';
const REGION = 'us-east-1';
const ALB = `arn:aws:elasticloadbalancing:${REGION}:${A}:loadbalancer/app/checkout/50dc6c495c0c9188`;

const rules: Rule[] = [
  albErrorRate,
  queueDepth(),
  {
    id: 'rds-cpu-alarm',
    match: {
      kind: 'alert',
      source: 'cloudwatch',
      name: { regex: '.*-RDS-CPU.*' },
    },
    condition: { type: 'firing' },
    severity: 'warning',
  },
];

/** Grabs the cloudops plugin's scheduler, to run tasks on demand. */
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

describe('cloudops AWS module', () => {
  it('does nothing without AWS configuration, and says so once', async () => {
    const logger = mockServices.logger.mock();
    await startTestBackend({
      features: [
        cloudopsPlugin,
        cloudopsModuleAws,
        logger.factory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { cloudops: { rules: { watch: false } } },
        }),
      ],
    });
    const said = logger.info.mock.calls.filter(([m]) =>
      String(m).includes('AWS'),
    );
    expect(said).toEqual([
      [
        'No AWS configuration (aws.accounts or cloudops.aws): the CloudOps AWS module does nothing',
      ],
    ]);
  });

  describe('with accounts', () => {
    let env: AwsTestEnvironment;
    beforeEach(async () => {
      env = await startAwsTestEnvironment([A]);
      env.fake.addAccount(B, { name: ROLE_NAME, trust: 'deny' });
      const values: Record<string, number> = {
        HTTPCode_Target_5XX_Count: 12,
        RequestCount: 100,
      };
      env.fake.cloudwatch.metrics.synthetic = key => values[key.metricName];
      env.fake.cloudwatch.putAlarm(A, REGION, {
        AlarmName: 'orders-RDS-CPU-high',
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed',
        Namespace: 'AWS/RDS',
        MetricName: 'CPUUtilization',
        Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'orders' }],
      });
    });
    afterEach(() => env.stop());

    it('scans every account on its own shard: metrics and alarms become incidents, a denied account shows in health', async () => {
      let scheduler: SchedulerService | undefined;
      const { server } = await startTestBackend({
        features: [
          cloudopsPlugin,
          cloudopsModuleAws,
          schedulerProbe(s => {
            scheduler = s;
          }),
          catalogServiceMock.factory({
            entities: [
              awsComponent('checkout', [ALB]),
              awsComponent('orders', [`arn:aws:rds:${REGION}:${A}:db:orders`]),
            ],
          }),
          mockServices.rootConfig.factory({
            data: {
              aws: {
                ...env.awsConfig,
                accounts: [
                  {
                    accountId: A,
                    roleName: ROLE_NAME,
                    externalId: 'cloudops-test',
                  },
                ],
              },
              cloudops: {
                rules: { watch: false, inline: inlineRules(rules) },
                aws: {
                  regions: [REGION],
                  accounts: [{ accountId: B }],
                  maxAttempts: 2,
                },
              },
            },
          }),
        ],
      });
      for (const detector of [
        'aws-cloudwatch-metrics',
        'aws-cloudwatch-alarms',
      ]) {
        await scheduler!.triggerTask(`cloudops:${detector}:shards`);
        await scheduler!.triggerTask(`cloudops:${detector}:${A}`);
        await scheduler!.triggerTask(`cloudops:${detector}:${B}`);
      }

      const health = await request(server)
        .get('/api/cloudops/detectors/health')
        .expect(200);
      const rows = health.body.items.map((h: any) => [
        h.detector,
        h.shard,
        h.lastRun.outcome,
        h.lastRun.error ?? '',
      ]);
      for (const detector of [
        'aws-cloudwatch-alarms',
        'aws-cloudwatch-metrics',
      ]) {
        expect(rows.filter((r: string[]) => r[0] === detector)).toEqual([
          [detector, '*', 'succeeded', ''],
          [detector, A, 'succeeded', ''],
          [
            detector,
            B,
            'failed',
            expect.stringMatching(
              /^222222222222 us-east-1: AccessDenied: .*sts:AssumeRole/,
            ),
          ],
        ]);
      }

      const incidents = await request(server)
        .get('/api/cloudops/incidents')
        .expect(200);
      expect(
        incidents.body.items
          .map((i: any) => [i.ruleId, i.entityRef, i.severity])
          .sort(),
      ).toEqual([
        ['alb-error-rate', 'component:default/checkout', 'high'],
        ['rds-cpu-alarm', 'component:default/orders', 'warning'],
      ]);
      // An expression over two metrics and one metric: one call.
      expect(env.fake.callsTo('monitoring', 'GetMetricData', A)).toHaveLength(
        1,
      );
      expect(env.fake.cloudwatch.metricsRequested).toBe(3);
    });
  });
});
