import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { awsComponent } from '../__testUtils__/awsEntities';
import { albErrorRate, queueDepth } from '../__testUtils__/awsRules';
import { parseResourceArn } from './arnDimensions';
import { MetricQueryPlan } from './MetricQueryPlan';
import { EntityResources } from './ResourceCatalog';

const A = '111111111111';
const B = '222222222222';

function entity(
  name: string,
  arns: string[],
  owner = 'team-a',
): EntityResources {
  return {
    entity: awsComponent(name, arns, { owner }),
    ref: `component:default/${name}`,
    resources: arns.map(arn => parseResourceArn(arn)!),
  };
}

const entities = [
  entity('checkout', [
    `arn:aws:elasticloadbalancing:us-east-1:${A}:loadbalancer/app/checkout/1`,
    `arn:aws:rds:us-east-1:${A}:db:checkout-db`,
  ]),
  entity(
    'search',
    [`arn:aws:elasticloadbalancing:eu-west-1:${B}:loadbalancer/app/search/2`],
    'team-b',
  ),
];

function rule(id: string, fields: Partial<Rule>): Rule {
  return {
    id,
    match: { kind: 'metric', source: 'cloudwatch' },
    condition: { type: 'threshold', op: '>', value: 1 },
    severity: 'warning',
    ...fields,
  };
}

const alb5xx = rule('alb-5xx', {
  query: {
    cloudwatch: {
      namespace: 'AWS/ApplicationELB',
      metric: 'HTTPCode_Target_5XX_Count',
      stat: 'Sum',
    },
  },
});

describe('MetricQueryPlan', () => {
  it('reads a metric without its resource dimension for each catalog resource, where it lives', () => {
    const plan = new MetricQueryPlan([alb5xx], entities, jest.fn());
    expect(plan.queriesFor(A, 'us-east-1')).toEqual([
      {
        periodSeconds: 60,
        metrics: [
          {
            id: 'm',
            namespace: 'AWS/ApplicationELB',
            metric: 'HTTPCode_Target_5XX_Count',
            dimensions: { LoadBalancer: 'app/checkout/1' },
            stat: 'Sum',
          },
        ],
        expression: undefined,
        signal: {
          name: 'HTTPCode_Target_5XX_Count',
          labels: {
            namespace: 'AWS/ApplicationELB',
            stat: 'Sum',
            period: '60',
            LoadBalancer: 'app/checkout/1',
          },
          resource: `arn:aws:elasticloadbalancing:us-east-1:${A}:loadbalancer/app/checkout/1`,
          entityRef: 'component:default/checkout',
        },
      },
    ]);
    expect(plan.queriesFor(B, 'eu-west-1')).toHaveLength(1);
    expect(plan.queriesFor(A, 'eu-west-1')).toEqual([]);
  });

  it('reads a resource’s series once when several rules want it', () => {
    const plan = new MetricQueryPlan(
      [alb5xx, { ...alb5xx, id: 'alb-5xx-page', severity: 'critical' }],
      entities,
      jest.fn(),
    );
    expect(plan.queriesFor(A, 'us-east-1')).toHaveLength(1);
  });

  it('limits resources to the entities and accounts the rule’s match selects', () => {
    const plan = new MetricQueryPlan(
      [
        { ...alb5xx, match: { ...alb5xx.match, entity: { owner: 'team-b' } } },
        rule('rds-cpu', {
          match: { kind: 'metric', account: B },
          query: {
            cloudwatch: { namespace: 'AWS/RDS', metric: 'CPUUtilization' },
          },
        }),
      ],
      entities,
      jest.fn(),
    );
    expect(plan.queriesFor(A, 'us-east-1')).toEqual([]);
    expect(
      plan.queriesFor(B, 'eu-west-1').map(q => q.signal.entityRef),
    ).toEqual(['component:default/search']);
  });

  it('reads a fully given metric in every account and region the match allows, once for all rules', () => {
    const custom: Rule = {
      ...queueDepth('5m'),
      match: { kind: 'metric', region: 'eu-west-1' },
    };
    const plan = new MetricQueryPlan(
      [custom, { ...custom, id: 'queue-depth-2' }],
      [],
      jest.fn(),
    );
    expect(plan.queriesFor(A, 'us-east-1')).toEqual([]);
    expect(plan.queriesFor(A, 'eu-west-1')).toEqual([
      expect.objectContaining({ periodSeconds: 300 }),
    ]);
    expect(plan.queriesFor(B, 'eu-west-1')).toHaveLength(1);
  });

  it('places metric math per resource and names it after the rule', () => {
    const plan = new MetricQueryPlan([albErrorRate], entities, jest.fn());
    const [query] = plan.queriesFor(A, 'us-east-1');
    expect(query.signal.name).toBe('alb-error-rate');
    expect(query.metrics.map(m => m.dimensions)).toEqual([
      { LoadBalancer: 'app/checkout/1' },
      { LoadBalancer: 'app/checkout/1' },
    ]);
  });

  it('skips, with a warning, math that leaves out the resources of two namespaces', () => {
    const warn = jest.fn();
    const plan = new MetricQueryPlan(
      [
        rule('mixed', {
          query: {
            cloudwatch: {
              expression: 'a + b',
              metrics: {
                a: { namespace: 'AWS/ApplicationELB', metric: 'RequestCount' },
                b: { namespace: 'AWS/RDS', metric: 'CPUUtilization' },
              },
            },
          },
        }),
      ],
      entities,
      warn,
    );
    expect(plan.isEmpty).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Rule mixed'));
  });
});
