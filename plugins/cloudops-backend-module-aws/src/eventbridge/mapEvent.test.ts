import { alarmSignal } from '../cloudwatch/alarmSignal';
import * as fixtures from './__fixtures__/events';
import { EventBridgeEvent, readEnvelope } from './envelope';
import { mapEvent } from './mapEvent';

const map = (event: object) => mapEvent(event as EventBridgeEvent);

describe('mapEvent', () => {
  it('turns AWS Health issues into alerts per affected resource, opened and closed', () => {
    const [open] = map(fixtures.healthIssue('open'));
    expect(open).toEqual({
      source: 'eventbridge',
      kind: 'alert',
      name: 'AWS Health Event',
      status: 'firing',
      timestamp: '2026-11-23T10:00:00.000Z',
      account: '111111111111',
      region: 'us-east-1',
      resource: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc123',
      labels: {
        service: 'EC2',
        eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE',
        category: 'issue',
        eventArn:
          'arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/abc',
      },
      message: 'Increased API error rates in us-east-1',
    });
    const [closed] = map(fixtures.healthIssue('closed'));
    expect(closed).toEqual({ ...open, status: 'resolved' });
  });

  it('turns scheduled changes and EC2 state changes into change events', () => {
    expect(map(fixtures.healthScheduledChange)).toEqual([
      expect.objectContaining({
        kind: 'event',
        name: 'AWS Health Event',
        resource: 'arn:aws:rds:us-east-1:111111111111:db:orders',
        labels: expect.objectContaining({ category: 'scheduledChange' }),
      }),
    ]);
    expect(map(fixtures.ec2Stopped)).toEqual([
      expect.objectContaining({
        kind: 'event',
        name: 'EC2 Instance State-change Notification',
        resource: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc123',
        labels: { instanceId: 'i-0abc123', state: 'stopped' },
      }),
    ]);
  });

  it('records every stopped ECS task, fires the service’s alert on failures and resolves it when steady', () => {
    const service = 'arn:aws:ecs:us-east-1:111111111111:service/shop/checkout';
    const clean = map(fixtures.ecsTaskStopped(0));
    expect(clean).toEqual([
      expect.objectContaining({
        kind: 'event',
        name: 'ECS Task Stopped',
        resource: service,
        labels: expect.objectContaining({ failed: 'false', exitCode: '0' }),
      }),
    ]);
    const failed = map(fixtures.ecsTaskStopped(137));
    expect(failed).toEqual([
      expect.objectContaining({
        kind: 'event',
        labels: expect.objectContaining({ failed: 'true', exitCode: '137' }),
      }),
      expect.objectContaining({
        kind: 'alert',
        name: 'ECS Service Unhealthy',
        status: 'firing',
        resource: service,
      }),
    ]);
    expect(map(fixtures.ecsSteady)).toEqual([
      expect.objectContaining({
        kind: 'alert',
        name: 'ECS Service Unhealthy',
        status: 'resolved',
        resource: service,
      }),
    ]);
  });

  it('turns RDS events into change events and the database’s availability alert', () => {
    expect(map(fixtures.rdsFailure)).toEqual([
      expect.objectContaining({
        kind: 'event',
        name: 'RDS Event',
        labels: expect.objectContaining({
          eventId: 'RDS-EVENT-0031',
          category: 'failure',
        }),
      }),
      expect.objectContaining({
        kind: 'alert',
        name: 'RDS Availability',
        status: 'firing',
        resource: 'arn:aws:rds:us-east-1:111111111111:db:orders',
      }),
    ]);
    expect(map(fixtures.rdsRestarted)[1]).toMatchObject({
      kind: 'alert',
      status: 'resolved',
    });
  });

  it('turns deployments into change events, and failures into alerts their next success resolves', () => {
    const group =
      'arn:aws:codedeploy:us-east-1:111111111111:deploymentgroup:payments/payments-prod';
    expect(map(fixtures.codeDeploy('START'))).toEqual([
      expect.objectContaining({
        kind: 'event',
        name: 'Deployment',
        resource: group,
        labels: expect.objectContaining({
          tool: 'codedeploy',
          state: 'started',
          deploymentId: 'd-ABC123',
        }),
      }),
    ]);
    expect(map(fixtures.codeDeploy('FAILURE'))[1]).toMatchObject({
      kind: 'alert',
      name: 'Deployment Failed',
      status: 'firing',
      resource: group,
    });
    expect(map(fixtures.codeDeploy('SUCCESS'))[1]).toMatchObject({
      kind: 'alert',
      status: 'resolved',
    });
    expect(map(fixtures.ecsDeployment('SERVICE_DEPLOYMENT_FAILED'))).toEqual([
      expect.objectContaining({
        kind: 'event',
        labels: { tool: 'ecs', deploymentId: 'ecs-svc/123', state: 'failed' },
      }),
      expect.objectContaining({
        kind: 'alert',
        name: 'Deployment Failed',
        status: 'firing',
      }),
    ]);
  });

  it('gives alarm state changes the same alert as the alarm poller', () => {
    const [signal] = map(fixtures.alarmChange);
    expect(signal).toEqual(
      alarmSignal({
        account: '111111111111',
        region: 'us-east-1',
        name: 'orders-RDS-CPU-high',
        arn: 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:orders-RDS-CPU-high',
        state: 'ALARM',
        reason: 'Threshold Crossed',
        timestamp: new Date('2026-11-23T09:59:30Z'),
        namespace: 'AWS/RDS',
        metric: 'CPUUtilization',
        dimensions: { DBInstanceIdentifier: 'orders' },
      }),
    );
    expect(signal.resource).toBe(
      'arn:aws:rds:us-east-1:111111111111:db:orders',
    );
  });

  it('gives a metric-math alarm the same alert as the alarm poller: by its ARN alone', () => {
    const change = fixtures.alarmChange as typeof fixtures.alarmChange & {
      detail: { configuration: { metrics: object[] } };
    };
    const [metric] = change.detail.configuration.metrics;
    const [signal] = map({
      ...change,
      detail: {
        ...change.detail,
        configuration: {
          ...change.detail.configuration,
          metrics: [
            { ...metric, returnData: false },
            { id: 'e1', expression: 'm1 * 2', returnData: true },
          ],
        },
      },
    });
    expect(signal).toEqual(
      alarmSignal({
        account: '111111111111',
        region: 'us-east-1',
        name: 'orders-RDS-CPU-high',
        arn: 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:orders-RDS-CPU-high',
        state: 'ALARM',
        reason: 'Threshold Crossed',
        description: 'CPU of orders',
        timestamp: new Date('2026-11-23T09:59:30Z'),
        dimensions: {},
      }),
    );
  });

  it('ignores events it does not read, and says what is wrong with what is not an event', () => {
    expect(
      map({
        ...fixtures.ec2Stopped,
        source: 'aws.s3',
        'detail-type': 'Object Created',
      }),
    ).toEqual([]);
    expect(readEnvelope('x')).toBe('the payload is not an object');
    expect(readEnvelope({ ...fixtures.ec2Stopped, time: 'yesterday' })).toBe(
      '"time" is not a timestamp (yesterday)',
    );
    expect(readEnvelope({ ...fixtures.ec2Stopped, account: undefined })).toBe(
      '"account" is missing or not a string',
    );
  });
});
