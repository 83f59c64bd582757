import {
  MAIN_ACCOUNT,
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import {
  paymentsDelivery,
  paymentsIncident,
} from '../__testUtils__/deliveryRequest';
import { SnsChannel } from './SnsChannel';

const REGION = 'eu-west-1';

describe('SnsChannel', () => {
  let env: AwsTestEnvironment;
  let noc: string;
  let ordered: string;
  let channel: SnsChannel;

  beforeEach(async () => {
    env = await startAwsTestEnvironment([]);
    noc = env.fake.sns.addTopic(MAIN_ACCOUNT, REGION, 'cloudops-noc');
    ordered = env.fake.sns.addTopic(MAIN_ACCOUNT, REGION, 'cloudops-ops.fifo');
    channel = new SnsChannel({
      clients: env.clients({ maxAttempts: 1 }),
      options: { topics: { noc, ordered }, defaultTopic: 'noc' },
    });
  });
  afterEach(() => env.stop());

  it('publishes text for people and JSON for machines, with attributes to filter on, signed by Backstage’s own key', async () => {
    const { result } = await channel.deliver(paymentsDelivery());
    const [published] = env.fake.sns.published;
    expect(result).toEqual({
      snsMessageId: published.MessageId,
      snsTopicArn: noc,
    });
    expect(published).toMatchObject({
      TopicArn: noc,
      Subject: '[HIGH] payments-api 5xx rate above 5%',
      MessageStructure: 'json',
      attributes: {
        event: 'opened',
        severity: 'high',
        incidentId: '2d9e7c1a-6b3f-4a8e-9c5d-0f1e2a3b4c5d',
        entityRef: 'component:default/payments-api',
        environment: 'production',
        owner: 'group:default/team-payments',
        account: '111111111111',
      },
    });
    const message = JSON.parse(published.Message);
    expect(message.default).toContain(
      'Root cause: payments-db CPU saturated after the 09:12 deployment',
    );
    expect(message.email).toContain(
      'Details: https://portal.example.com/catalog/default/component/payments-api/incidents?incident=2d9e7c1a',
    );
    expect(JSON.parse(message.sqs)).toMatchObject({
      event: 'opened',
      idempotencyKey: 'cloudops-7a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      incident: { id: '2d9e7c1a-6b3f-4a8e-9c5d-0f1e2a3b4c5d' },
      rca: { headline: expect.stringContaining('payments-db') },
    });
    expect(message.https).toBe(message.sqs);
    expect(env.fake.callsTo('sns', 'Publish').map(c => c.accessKeyId)).toEqual([
      env.main.accessKeyId,
    ]);
  });

  it('on a FIFO topic groups by incident and deduplicates on the idempotency key', async () => {
    const first = await channel.deliver(
      paymentsDelivery({ target: 'ordered' }),
    );
    const again = await channel.deliver(
      paymentsDelivery({ target: ordered, attempt: 2 }),
    );
    expect(again.result).toEqual(first.result);
    await channel.deliver(
      paymentsDelivery({
        target: 'ordered',
        event: 'acknowledged',
        idempotencyKey: 'cloudops-another-delivery',
      }),
    );
    expect(
      env.fake.sns.published.map(m => [
        m.MessageGroupId,
        m.MessageDeduplicationId,
      ]),
    ).toEqual([
      [
        '2d9e7c1a-6b3f-4a8e-9c5d-0f1e2a3b4c5d',
        'cloudops-7a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      ],
      ['2d9e7c1a-6b3f-4a8e-9c5d-0f1e2a3b4c5d', 'cloudops-another-delivery'],
    ]);
    expect(first.result?.snsSequenceNumber).toMatch(/^\d{20}$/);
  });

  it('keeps subjects within what SNS takes: ASCII, 100 characters', async () => {
    const title = `Überlast – ${'checkout latency '.repeat(10)}`;
    await channel.deliver(
      paymentsDelivery({ incident: { ...paymentsIncident, title } }),
    );
    const [published] = env.fake.sns.published;
    expect(published.Subject).toHaveLength(100);
    expect(published.Subject).toMatch(
      /^\[HIGH\] Uberlast {2}checkout latency .*\.\.\.$/,
    );
    expect(JSON.parse(published.Message).default).toContain(title);
  });

  it('fails for good on unknown topics and refusals, and for another try on throttling', async () => {
    await expect(
      channel.deliver(paymentsDelivery({ target: 'nope' })),
    ).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('No SNS topic "nope"'),
    });
    await expect(
      channel.deliver(paymentsDelivery({ target: `${noc}-gone` })),
    ).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('NotFound'),
    });
    env.fake.injectFault({ kind: 'throttle', service: 'sns', times: 10 });
    const throttled = new SnsChannel({
      clients: env.clients({ maxAttempts: 1 }),
      options: { topics: {}, defaultTopic: noc },
    });
    await expect(throttled.deliver(paymentsDelivery())).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining('Throttling'),
    });
    expect(env.fake.sns.published).toEqual([]);
  });
});
