import { mockServices } from '@backstage/backend-test-utils';
import {
  AwsTestEnvironment,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { CloudWatchLogsInsights } from './CloudWatchLogsInsights';
import { foldMessages, messagePattern } from './foldMessages';
import { fillTimeline, findBursts } from './errorBursts';

const A = '111111111111';
const REGION = 'us-east-1';
const GROUP = '/ecs/checkout';
const T0 = Date.parse('2026-11-23T10:00:00Z');
const minute = (n: number) => T0 + n * 60_000;

describe('CloudWatchLogsInsights', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([A]);
    const events = [];
    // One error a minute for an hour, then a burst of timeouts at 10:40-10:42.
    for (let m = 0; m < 60; m++) {
      events.push({
        timestamp: minute(m) + 1000,
        message: `INFO request ${m} ok`,
      });
      events.push({
        timestamp: minute(m) + 2000,
        message: `WARN cache miss key=${m}`,
      });
      if (m % 10 === 0) {
        events.push({
          timestamp: minute(m) + 3000,
          message: `ERROR card declined order=${1000 + m}`,
        });
      }
    }
    for (let m = 40; m < 43; m++) {
      for (let i = 0; i < 12; i++) {
        events.push({
          timestamp: minute(m) + i * 1000,
          message: `ERROR upstream timeout after 3000ms calling payments at 10.0.${i}.7:8443 request-id=4f1c2a9e-${String(
            1000 + i,
          )}-4b5c-9d8e-0123456789ab`,
        });
      }
    }
    env.fake.logs.putEvents(A, REGION, GROUP, events);
  });
  afterEach(() => env.stop());

  const insights = (queryTimeoutMs = 10_000) =>
    new CloudWatchLogsInsights({
      clients: env.clients(),
      logger: mockServices.logger.mock(),
      queryTimeoutMs,
    });

  it('finds the error burst and the top error messages of an entity’s log groups', async () => {
    const [evidence] = await insights().collect({
      entity: {
        ref: 'component:default/checkout',
        annotations: {
          'cloudops.ai/aws-account-id': A,
          'cloudops.ai/aws-region': REGION,
          'cloudops.ai/aws-log-groups': GROUP,
        },
      },
      from: new Date(T0),
      to: new Date(minute(60)),
    });
    expect(evidence).toMatchObject({
      source: 'cloudwatch-logs',
      location: `aws:${A}:${REGION}`,
      logGroups: [GROUP],
      binSeconds: 60,
    });
    expect(evidence.errorTimeline).toHaveLength(60);
    // 12 timeouts and the card declined every ten minutes.
    expect(evidence.errorTimeline[40]).toEqual({
      start: new Date(minute(40)).toISOString(),
      count: 13,
    });
    expect(evidence.bursts).toEqual([
      {
        start: new Date(minute(40)).toISOString(),
        end: new Date(minute(43)).toISOString(),
        count: 37,
        baseline: 0,
      },
    ]);
    expect(evidence.topMessages).toEqual([
      {
        message:
          'ERROR upstream timeout after <n>ms calling payments at <ip> request-id=<uuid>',
        count: 36,
        first: new Date(minute(40)).toISOString(),
        last: new Date(minute(42) + 11_000).toISOString(),
        example: expect.stringMatching(/^ERROR upstream timeout/),
      },
      expect.objectContaining({
        message: 'ERROR card declined order=<n>',
        count: 6,
      }),
    ]);
    expect(evidence.queries[0]).toMatch(
      /^filter @message like \/\(\?i\)\(error\|exception/,
    );
    expect(evidence.statistics.recordsScanned).toBeGreaterThan(100);
    expect(env.fake.callsTo('logs', 'StartQuery')).toHaveLength(2);
  });

  it('reads log group ARNs of other accounts and has nothing for entities without log groups', async () => {
    expect(
      CloudWatchLogsInsights.targets({
        'cloudops.ai/aws-log-groups': `arn:aws:logs:eu-west-1:222222222222:log-group:/app/a:*, ${GROUP}`,
        'cloudops.ai/aws-account-id': A,
        'cloudops.ai/aws-region': REGION,
      }),
    ).toEqual([
      { account: '222222222222', region: 'eu-west-1', logGroups: ['/app/a'] },
      { account: A, region: REGION, logGroups: [GROUP] },
    ]);
    await expect(
      insights().collect({
        entity: { ref: 'component:default/x', annotations: {} },
        from: new Date(T0),
        to: new Date(minute(1)),
      }),
    ).resolves.toEqual([]);
  });

  it('stops a query that outlives its timeout', async () => {
    env.fake.logs.pollsUntilComplete = 1000;
    const target = { account: A, region: REGION, logGroups: [GROUP] };
    await expect(
      insights(600).query(target, {
        from: new Date(T0),
        to: new Date(minute(60)),
        query: 'fields @message',
      }),
    ).rejects.toThrow('took longer than 600 ms');
    expect(env.fake.callsTo('logs', 'StopQuery')).toHaveLength(1);
  });

  it('fails with Insights’ own error for a bad query', async () => {
    const target = { account: A, region: REGION, logGroups: [GROUP] };
    await expect(
      insights().query(target, {
        from: new Date(T0),
        to: new Date(minute(1)),
        query: 'parse @message',
      }),
    ).rejects.toThrow(/MalformedQueryException/);
  });
});

describe('evidence helpers', () => {
  it('folds variable parts of messages', () => {
    expect(
      messagePattern(
        'user 42 at 2026-11-23T10:00:00Z from 10.1.2.3 id=7f3a9c2e1b4d',
      ),
    ).toBe('user <n> at <time> from <ip> id=<hex>');
    expect(
      foldMessages(
        [
          { message: 'timeout 1', count: 2, first: 'a', last: 'b' },
          { message: 'timeout 2', count: 5, first: 'c', last: 'd' },
        ],
        10,
      ),
    ).toEqual([
      {
        message: 'timeout <n>',
        count: 7,
        first: 'a',
        last: 'd',
        example: 'timeout 2',
      },
    ]);
  });

  it('finds bursts well above the median', () => {
    const counts = new Map(
      [0, 1, 2, 3, 4, 5].map(m => [minute(m), m === 3 ? 20 : 2]),
    );
    const timeline = fillTimeline(counts, T0, minute(6), 60);
    expect(findBursts(timeline, 60)).toEqual([
      {
        start: new Date(minute(3)).toISOString(),
        end: new Date(minute(4)).toISOString(),
        count: 20,
        baseline: 2,
      },
    ]);
  });
});
