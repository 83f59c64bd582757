/**
 * EventBridge events as AWS sends them (shapes from the AWS documentation's
 * examples), for tests.
 */
const envelope = (
  source: string,
  detailType: string,
  detail: object,
  resources: string[] = [],
) => ({
  version: '0',
  id: `${source}-${detailType}`.replace(/\W+/g, '-'),
  'detail-type': detailType,
  source,
  account: '111111111111',
  time: '2026-11-23T10:00:00Z',
  region: 'us-east-1',
  resources,
  detail,
});

export const healthIssue = (statusCode: 'open' | 'closed') =>
  envelope('aws.health', 'AWS Health Event', {
    eventArn:
      'arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/abc',
    service: 'EC2',
    eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE',
    eventTypeCategory: 'issue',
    eventScopeCode: 'ACCOUNT_SPECIFIC',
    statusCode,
    startTime: 'Sun, 23 Nov 2026 09:50:00 GMT',
    eventDescription: [
      {
        language: 'en_US',
        latestDescription: 'Increased API error rates in us-east-1',
      },
    ],
    affectedEntities: [
      {
        entityValue: 'i-0abc123',
        entityArn: 'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc123',
      },
    ],
  });

export const healthScheduledChange = envelope(
  'aws.health',
  'AWS Health Event',
  {
    eventArn:
      'arn:aws:health:us-east-1::event/RDS/AWS_RDS_MAINTENANCE_SCHEDULED/def',
    service: 'RDS',
    eventTypeCode: 'AWS_RDS_MAINTENANCE_SCHEDULED',
    eventTypeCategory: 'scheduledChange',
    statusCode: 'upcoming',
    eventDescription: [
      { language: 'en_US', latestDescription: 'Maintenance on orders' },
    ],
    affectedEntities: [{ entityValue: 'orders' }],
  },
  ['arn:aws:rds:us-east-1:111111111111:db:orders'],
);

export const ec2Stopped = envelope(
  'aws.ec2',
  'EC2 Instance State-change Notification',
  { 'instance-id': 'i-0abc123', state: 'stopped' },
  ['arn:aws:ec2:us-east-1:111111111111:instance/i-0abc123'],
);

export const ecsTaskStopped = (exitCode: number) =>
  envelope(
    'aws.ecs',
    'ECS Task State Change',
    {
      clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/shop',
      taskArn: 'arn:aws:ecs:us-east-1:111111111111:task/shop/0123456789abcdef',
      group: 'service:checkout',
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'app', exitCode, lastStatus: 'STOPPED' }],
    },
    ['arn:aws:ecs:us-east-1:111111111111:task/shop/0123456789abcdef'],
  );

export const ecsSteady = envelope(
  'aws.ecs',
  'ECS Service Action',
  {
    eventType: 'INFO',
    eventName: 'SERVICE_STEADY_STATE',
    clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/shop',
  },
  ['arn:aws:ecs:us-east-1:111111111111:service/shop/checkout'],
);

export const ecsDeployment = (eventName: string) =>
  envelope(
    'aws.ecs',
    'ECS Deployment State Change',
    {
      eventType: eventName.endsWith('FAILED') ? 'ERROR' : 'INFO',
      eventName,
      deploymentId: 'ecs-svc/123',
      updatedAt: '2026-11-23T10:00:00Z',
      reason: 'rollout',
    },
    ['arn:aws:ecs:us-east-1:111111111111:service/shop/checkout'],
  );

export const rdsFailure = envelope(
  'aws.rds',
  'RDS DB Instance Event',
  {
    EventCategories: ['failure'],
    SourceType: 'DB_INSTANCE',
    SourceArn: 'arn:aws:rds:us-east-1:111111111111:db:orders',
    SourceIdentifier: 'orders',
    Date: '2026-11-23T10:00:00Z',
    Message: 'The database instance has failed',
    EventID: 'RDS-EVENT-0031',
  },
  ['arn:aws:rds:us-east-1:111111111111:db:orders'],
);

export const rdsRestarted = {
  ...rdsFailure,
  time: '2026-11-23T10:20:00Z',
  detail: {
    ...rdsFailure.detail,
    EventCategories: ['availability'],
    Message: 'DB instance restarted',
    EventID: 'RDS-EVENT-0006',
  },
};

export const codeDeploy = (state: string) =>
  envelope(
    'aws.codedeploy',
    'CodeDeploy Deployment State-change Notification',
    {
      region: 'us-east-1',
      deploymentId: 'd-ABC123',
      instanceGroupId: 'ig-1',
      deploymentGroup: 'payments-prod',
      state,
      application: 'payments',
    },
  );

export const alarmChange = envelope(
  'aws.cloudwatch',
  'CloudWatch Alarm State Change',
  {
    alarmName: 'orders-RDS-CPU-high',
    state: {
      value: 'ALARM',
      reason: 'Threshold Crossed',
      timestamp: '2026-11-23T09:59:30.000+0000',
    },
    previousState: { value: 'OK' },
    configuration: {
      description: 'CPU of orders',
      metrics: [
        {
          id: 'm1',
          metricStat: {
            metric: {
              namespace: 'AWS/RDS',
              name: 'CPUUtilization',
              dimensions: { DBInstanceIdentifier: 'orders' },
            },
            period: 60,
            stat: 'Average',
          },
          returnData: true,
        },
      ],
    },
  },
  ['arn:aws:cloudwatch:us-east-1:111111111111:alarm:orders-RDS-CPU-high'],
);
