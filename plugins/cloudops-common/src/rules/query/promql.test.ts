import { formatRuleError } from '../formatRuleError';
import { parseRuleFile } from '../parseRuleFile';
import { validateRuleList } from '../validateRuleList';
import { promqlSyntaxError } from './promql';

const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function errorsOf(text: string) {
  return parseRuleFile(text, 'k8s.yaml').errors.map(formatRuleError);
}

describe('query.promql', () => {
  it('accepts a rule that names a PromQL query', () => {
    const { rules, errors } = parseRuleFile(
      yaml(
        'rules:',
        '  - id: error-ratio',
        '    query:',
        '      promql:',
        '        expr: |',
        '          sum by (namespace, app) (rate(http_requests_total{code=~"5.."}[5m]))',
        '            / sum by (namespace, app) (rate(http_requests_total[5m]))',
        '        clusters: [prod, stg]',
        '        step: 30s',
        '    match: { kind: metric, source: prometheus, name: http_error_ratio }',
        '    condition: { type: threshold, op: ">", value: 0.05, for: 5m }',
        '    severity: high',
      ),
      'k8s.yaml',
    );
    expect(errors).toEqual([]);
    expect(rules[0].query).toEqual({
      promql: {
        expr: expect.stringContaining('sum by (namespace, app)'),
        clusters: ['prod', 'stg'],
        step: '30s',
      },
    });
  });

  it('reports bad queries at their line and column', () => {
    expect(
      errorsOf(
        yaml(
          'rules:',
          '  - id: bad',
          '    query:',
          '      promql:',
          '        expr: "sum(rate(x[5m])"',
          '        step: 0s',
          '        cluster: prod',
          '    match: { kind: alert, source: cloudwatch, name: { regex: "x.*" } }',
          '    condition: { type: firing }',
          '    severity: high',
          '  - id: empty',
          '    query: {}',
          '    match: { name: y }',
          '    condition: { type: firing }',
          '    severity: high',
        ),
      ),
    ).toEqual([
      'k8s.yaml:5:15: rules[0].query.promql.expr: not valid PromQL: the expression ends too early',
      'k8s.yaml:6:15: rules[0].query.promql.step: must be a duration longer than 0s such as 30s or 1m (got "0s")',
      'k8s.yaml:7:9: rules[0].query.promql.cluster: unknown property; expected one of expr, clusters, step',
      'k8s.yaml:8:20: rules[0].match.kind: must be metric when the rule has a PromQL query (got "alert")',
      'k8s.yaml:8:35: rules[0].match.source: must include prometheus when the rule has a PromQL query: its signals come from the prometheus source',
      'k8s.yaml:8:53: rules[0].match.name: must be one metric name when the rule has a query: it names the series the query returns',
      'k8s.yaml:12:12: rules[1].query: must have at least 1 of promql, cloudwatch',
    ]);
  });

  it('validates inline rules the same way', () => {
    const { errors } = validateRuleList(
      [
        {
          id: 'q',
          query: { promql: { expr: 'up ==' } },
          match: { name: 'up' },
          condition: { type: 'firing' },
          severity: 'info',
        },
      ],
      { file: 'config', path: 'cloudops.rules.inline' },
    );
    expect(errors.map(e => e.message)).toEqual([
      'cloudops.rules.inline[0].query.promql.expr: not valid PromQL: the expression ends too early',
    ]);
  });

  it('says where an expression goes wrong', () => {
    expect(promqlSyntaxError('rate(x[5m])')).toBeUndefined();
    expect(promqlSyntaxError('max_over_time(x[1h:5m]) offset 5m')).toBe(
      undefined,
    );
    expect(promqlSyntaxError('foo bar')).toBe(
      'unexpected "bar" at character 5',
    );
  });
});
