import { cloudwatchPeriodSeconds } from './cloudwatch';
import { formatRuleError } from '../formatRuleError';
import { parseRuleFile } from '../parseRuleFile';

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

const rule = (...query: string[]) =>
  yaml(
    'rules:',
    '  - id: alb-errors',
    '    match: { kind: metric, source: cloudwatch, name: errors }',
    '    query:',
    '      cloudwatch:',
    ...query.map(line => `        ${line}`),
    '    condition: { type: threshold, op: ">", value: 5 }',
    '    severity: high',
  );

function errorsOf(text: string) {
  return parseRuleFile(text, 'aws.yaml').errors.map(formatRuleError);
}

describe('query.cloudwatch', () => {
  it('accepts one metric, and metric math over named metrics', () => {
    const single = parseRuleFile(
      rule(
        'namespace: AWS/ApplicationELB',
        'metric: HTTPCode_Target_5XX_Count',
        'dimensions: { LoadBalancer: app/shop/abc }',
        'stat: Sum',
        'period: 5m',
      ),
      'aws.yaml',
    );
    expect(single.errors).toEqual([]);
    expect(single.rules[0].query?.cloudwatch).toEqual({
      namespace: 'AWS/ApplicationELB',
      metric: 'HTTPCode_Target_5XX_Count',
      dimensions: { LoadBalancer: 'app/shop/abc' },
      stat: 'Sum',
      period: '5m',
    });
    expect(
      errorsOf(
        rule(
          'name: error-rate',
          'expression: 100 * FILL(errors, 0) / requests',
          'metrics:',
          '  errors: { namespace: AWS/ApplicationELB, metric: HTTPCode_Target_5XX_Count, stat: Sum }',
          '  requests: { namespace: AWS/ApplicationELB, metric: RequestCount, stat: p99.9 }',
        ),
      ),
    ).toEqual([]);
  });

  it('names file, line and column of each mistake', () => {
    expect(
      errorsOf(
        rule(
          'namespace: AWS/EC2',
          'metric: CPUUtilization',
          'stat: avg',
          'period: 90s',
          'unit: Percent',
        ),
      ),
    ).toEqual([
      'aws.yaml:8:15: rules[0].query.cloudwatch.stat: must be a CloudWatch statistic such as Average, Sum, Maximum, SampleCount or p99 (got "avg")',
      'aws.yaml:9:17: rules[0].query.cloudwatch.period: must be 1s, 5s, 10s, 20s, 30s or a whole number of minutes (got "90s")',
      'aws.yaml:10:9: rules[0].query.cloudwatch.unit: unknown property; expected one of namespace, metric, dimensions, stat, period, expression, metrics, name',
    ]);
  });

  it('wants exactly one metric or one expression, with the ids it uses', () => {
    expect(errorsOf(rule('namespace: AWS/EC2'))).toEqual([
      'aws.yaml:6:9: rules[0].query.cloudwatch: missing required property "metric"',
    ]);
    expect(
      errorsOf(
        rule(
          'namespace: AWS/EC2',
          'metric: CPUUtilization',
          'expression: m1 * 2',
          'metrics: { m1: { namespace: AWS/EC2, metric: CPUUtilization } }',
        ),
      ),
    ).toEqual([
      'aws.yaml:6:9: rules[0].query.cloudwatch: give either namespace and metric, or expression and metrics, not both',
    ]);
    expect(
      errorsOf(
        rule(
          'expression: errors / total',
          'metrics:',
          '  errors: { namespace: A, metric: E }',
          '  Requests: { namespace: A, metric: R }',
        ),
      ),
    ).toEqual([
      'aws.yaml:6:21: rules[0].query.cloudwatch.expression: uses "total", which is not one of metrics (errors, Requests)',
      'aws.yaml:9:11: rules[0].query.cloudwatch.metrics.Requests: a metric id starts with a lower-case letter and has only letters, digits and _',
      'aws.yaml:9:11: rules[0].query.cloudwatch.metrics.Requests: is not used by expression (CloudWatch bills every metric requested)',
    ]);
  });

  it('wants the rule to match the metric signals the query fetches', () => {
    const text = rule('namespace: AWS/EC2', 'metric: CPUUtilization').replace(
      'match: { kind: metric, source: cloudwatch, name: errors }',
      'match: { kind: alert, source: [prometheus] }',
    );
    expect(errorsOf(text)).toEqual([
      'aws.yaml:3:20: rules[0].match.kind: must be metric, the kind of the signals query.cloudwatch fetches (got "alert")',
      'aws.yaml:3:35: rules[0].match.source: must include cloudwatch, the source of the signals query.cloudwatch fetches',
    ]);
  });

  it('reads periods CloudWatch accepts', () => {
    expect(cloudwatchPeriodSeconds('1m')).toBe(60);
    expect(cloudwatchPeriodSeconds('10s')).toBe(10);
    expect(cloudwatchPeriodSeconds('1h')).toBe(3600);
    expect(cloudwatchPeriodSeconds('45s')).toBeUndefined();
    expect(cloudwatchPeriodSeconds('0s')).toBeUndefined();
  });
});
