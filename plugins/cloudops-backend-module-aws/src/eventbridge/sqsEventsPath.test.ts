import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import eventsModuleAwsSqs from '@backstage/plugin-events-backend-module-aws-sqs';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// The module is tested inside its plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import cloudopsPlugin from '@cloudops-ai/backstage-plugin-cloudops-backend';
import { resolve } from 'node:path';
import request from 'supertest';
import { awsComponent } from '../__testUtils__/awsEntities';
import {
  AwsTestEnvironment,
  MAIN_ACCOUNT,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { cloudopsModuleAws } from '../module';
import * as fixtures from './__fixtures__/events';

jest.setTimeout(60_000);

const AWS_RULES = resolve(__dirname, '../../../../examples/rules/aws.yaml');

async function poll<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise(r => setTimeout(r, 100));
  }
}

/**
 * The whole EventBridge path with Backstage's own parts: an EventBridge rule
 * delivers events to an SQS queue (here: the fake, speaking SQS's JSON 1.0
 * protocol), the AWS SQS events module reads the queue and publishes each
 * message on the events service, and the CloudOps AWS module's subscriber
 * turns them into signals, which the rules in examples/rules/aws.yaml turn
 * into incidents.
 */
describe('EventBridge through SQS and the events service', () => {
  let env: AwsTestEnvironment;
  const saved = { ...process.env };
  beforeEach(async () => {
    env = await startAwsTestEnvironment([]);
    // The SQS events module uses the SDK's default credential chain.
    process.env.AWS_ACCESS_KEY_ID = env.main.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = env.main.secretAccessKey;
  });
  afterEach(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = saved.AWS_SECRET_ACCESS_KEY;
    if (!saved.AWS_ACCESS_KEY_ID) delete process.env.AWS_ACCESS_KEY_ID;
    if (!saved.AWS_SECRET_ACCESS_KEY) delete process.env.AWS_SECRET_ACCESS_KEY;
    await env.stop();
  });

  it('turns queued AWS events into signals and incidents, and drains the queue', async () => {
    const queueUrl = env.fake.sqs.createQueue(
      MAIN_ACCOUNT,
      'cloudops-events',
      env.fake.endpoint,
    );
    const backend = await startTestBackend({
      features: [
        cloudopsPlugin,
        cloudopsModuleAws,
        eventsPlugin,
        eventsModuleAwsSqs,
        schedulerServiceFactory,
        // The events service plugins share (the test default is per plugin).
        eventsServiceFactory,
        catalogServiceMock.factory({
          entities: [
            awsComponent('checkout', [
              'arn:aws:ecs:us-east-1:111111111111:service/shop/checkout',
            ]),
            awsComponent('orders', [
              'arn:aws:rds:us-east-1:111111111111:db:orders',
            ]),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            cloudops: {
              rules: { watch: false, files: [AWS_RULES] },
              aws: { eventBridge: { topics: ['aws-eventbridge'] } },
            },
            events: {
              // One backend: in-process delivery (the bus is for several).
              useEventBus: 'never',
              modules: {
                awsSqs: {
                  awsSqsConsumingEventPublisher: {
                    topics: {
                      'aws-eventbridge': {
                        queue: {
                          url: queueUrl,
                          region: 'us-east-1',
                          endpoint: env.fake.endpoint,
                          waitTime: { seconds: 1 },
                        },
                        waitTimeAfterEmptyReceive: { milliseconds: 100 },
                      },
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      for (const event of [
        fixtures.rdsFailure,
        fixtures.ecsTaskStopped(137),
        fixtures.ec2Stopped,
        fixtures.codeDeploy('START'),
      ]) {
        env.fake.sqs.send(queueUrl, JSON.stringify(event));
      }

      const incidents = await poll(async () => {
        const res = await request(backend.server).get(
          '/api/cloudops/incidents',
        );
        return res.body.totalCount >= 2 ? res.body.items : undefined;
      });
      expect(
        incidents.map((i: any) => [i.ruleId, i.entityRef, i.severity]).sort(),
      ).toEqual([
        ['aws-ecs-service-unhealthy', 'component:default/checkout', 'high'],
        ['aws-rds-availability', 'component:default/orders', 'critical'],
      ]);
      const rds = incidents.find(
        (i: any) => i.ruleId === 'aws-rds-availability',
      );
      const signals = await request(backend.server).get(
        `/api/cloudops/incidents/${rds.id}/signals`,
      );
      expect(signals.body.items).toEqual([
        expect.objectContaining({
          source: 'eventbridge',
          kind: 'alert',
          name: 'RDS Availability',
          status: 'firing',
        }),
      ]);

      // The restart resolves the database's incident.
      env.fake.sqs.send(queueUrl, JSON.stringify(fixtures.rdsRestarted));
      await poll(async () => {
        const res = await request(backend.server).get(
          `/api/cloudops/incidents/${rds.id}`,
        );
        return res.body.state === 'resolved' ? true : undefined;
      });
      await poll(async () =>
        env.fake.sqs.depth(queueUrl) === 0 ? true : undefined,
      );
      expect(env.fake.callsTo('sqs', 'ReceiveMessage').length).toBeGreaterThan(
        0,
      );
      expect(
        env.fake
          .callsTo('sqs', 'DeleteMessageBatch')
          .every(c => c.status === 200),
      ).toBe(true);
    } finally {
      await backend.stop();
    }
  });
});
