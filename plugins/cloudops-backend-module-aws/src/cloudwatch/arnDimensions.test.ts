import {
  parseResourceArn,
  resourceArnOf,
  resourceDimensionNames,
} from './arnDimensions';

describe('arnDimensions', () => {
  it.each([
    [
      'arn:aws:ec2:us-east-1:111111111111:instance/i-0abc123',
      'AWS/EC2',
      { InstanceId: 'i-0abc123' },
    ],
    [
      'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/shop/50dc6c495c0c9188',
      'AWS/ApplicationELB',
      { LoadBalancer: 'app/shop/50dc6c495c0c9188' },
    ],
    [
      'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/edge/1a2b',
      'AWS/NetworkELB',
      { LoadBalancer: 'net/edge/1a2b' },
    ],
    [
      'arn:aws:rds:eu-west-1:111111111111:db:orders',
      'AWS/RDS',
      { DBInstanceIdentifier: 'orders' },
    ],
    [
      'arn:aws:lambda:us-east-1:111111111111:function:resize',
      'AWS/Lambda',
      { FunctionName: 'resize' },
    ],
    [
      'arn:aws:sqs:us-east-1:111111111111:orders-queue',
      'AWS/SQS',
      { QueueName: 'orders-queue' },
    ],
    [
      'arn:aws:ecs:us-east-1:111111111111:service/shop/checkout',
      'AWS/ECS',
      { ClusterName: 'shop', ServiceName: 'checkout' },
    ],
    [
      'arn:aws:dynamodb:us-east-1:111111111111:table/carts',
      'AWS/DynamoDB',
      { TableName: 'carts' },
    ],
  ])('reads %s', (arn, namespace, dimensions) => {
    const resource = parseResourceArn(arn);
    expect(resource).toEqual({
      arn,
      account: '111111111111',
      region: arn.split(':')[3],
      namespace,
      dimensions,
    });
    expect(resourceArnOf({ ...resource!, namespace })).toBe(arn);
  });

  it('ignores what it cannot read', () => {
    expect(parseResourceArn('arn:aws:s3:::bucket')).toBeUndefined();
    expect(parseResourceArn('not-an-arn')).toBeUndefined();
    expect(
      resourceArnOf({
        namespace: 'Custom/App',
        dimensions: { Host: 'a' },
        account: '1',
        region: 'r',
      }),
    ).toBeUndefined();
  });

  it('knows which dimensions name a resource', () => {
    expect([...resourceDimensionNames('AWS/ECS')].sort()).toEqual([
      'ClusterName',
      'ServiceName',
    ]);
    expect(resourceDimensionNames('Custom/App').size).toBe(0);
  });
});
