import { formatRuleError } from './formatRuleError';
import { parseRuleFile, unreadableRuleFile } from './parseRuleFile';

/** Joins lines, so that a test reads with its line numbers. */
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function errorsOf(text: string) {
  return parseRuleFile(text, 'rules.yaml').errors.map(formatRuleError);
}

const VALID = yaml(
  'rules:',
  '  - id: cpu-high',
  '    description: CPU above 95%',
  '    match:',
  '      kind: metric',
  '      source: [prometheus, cloudwatch]',
  '      name: { regex: "container_cpu_.*" }',
  '      account: "111111111111"',
  '      labels:',
  '        severity: critical',
  '        namespace: { regex: "shop|payments" }',
  '        canary: { not: "true" }',
  '        pod: { exists: true }',
  '      entity:',
  '        kind: Component',
  '        owner: group:default/team-checkout',
  '        annotations:',
  '          cloudops.ai/environment: production',
  '          cloudops.ai/runbook: { exists: true }',
  '    environment: [production, staging]',
  '    condition: { type: threshold, op: ">", value: 95, for: 1h30m }',
  '    severity: critical',
  '    title: "CPU {{value}} on {{labels.pod}}"',
  '    dedupKey: "{{rule.id}}:{{labels.pod}}"',
  '    labels: { team: checkout }',
  '    actions:',
  '      - { type: notify, channel: slack, target: "#noc" }',
  '      - { type: ticket, system: jira, project: OPS }',
  '      - type: remediate',
  '        executor: ssm',
  '        ref: AWS-RestartEC2Instance',
  '        approval: { required: true, approvers: 2 }',
  '        dryRun: true',
  '  - id: missing-data',
  '    match: { name: heartbeat }',
  '    condition: { type: absent, for: 10m }',
  '    severity: warning',
);

describe('parseRuleFile', () => {
  it('reads a valid file into rules and where their ids are', () => {
    const { rules, origins, errors } = parseRuleFile(VALID, 'rules.yaml');
    expect(errors).toEqual([]);
    expect(rules.map(r => r.id)).toEqual(['cpu-high', 'missing-data']);
    expect(rules[0].condition).toEqual({
      type: 'threshold',
      op: '>',
      value: 95,
      for: '1h30m',
    });
    expect(rules[0].match.labels).toEqual({
      severity: 'critical',
      namespace: { regex: 'shop|payments' },
      canary: { not: 'true' },
      pod: { exists: true },
    });
    expect(origins).toEqual([
      {
        id: 'cpu-high',
        file: 'rules.yaml',
        line: 2,
        column: 9,
        path: 'rules[0].id',
      },
      {
        id: 'missing-data',
        file: 'rules.yaml',
        line: 34,
        column: 9,
        path: 'rules[1].id',
      },
    ]);
  });

  it('accepts every condition type', () => {
    const conditions = [
      '{ type: firing }',
      '{ type: threshold, op: "!=", value: 0 }',
      '{ type: absent, for: 1w }',
      '{ type: rate, op: ">", value: 50, per: 1m, for: 0s }',
      '{ type: anomaly, score: 0.9 }',
      '{ type: anomaly, score: 1, for: 5m, fallback: { op: ">=", value: 95 } }',
      '{ type: forecast, op: "<", value: 10, horizon: 6h }',
    ];
    const text = yaml(
      'rules:',
      ...conditions.flatMap((condition, index) => [
        `  - id: rule-${index}`,
        '    match: {}',
        `    condition: ${condition}`,
        '    severity: info',
      ]),
    );
    const { rules, errors } = parseRuleFile(text, 'rules.yaml');
    expect(errors).toEqual([]);
    expect(rules).toHaveLength(conditions.length);
  });

  it('accepts an empty rules list', () => {
    expect(parseRuleFile('rules: []\n', 'rules.yaml')).toEqual({
      rules: [],
      origins: [],
      errors: [],
    });
  });

  it('reports YAML syntax errors with their position', () => {
    expect(
      errorsOf(
        yaml('rules:', '  - id: a', '    match: { kind: metric', 'severity: x'),
      ),
    ).toEqual([
      'rules.yaml:4:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
    expect(errorsOf(yaml('rules:', '  - id: a', '   match: {}'))).toEqual([
      'rules.yaml:3:1: invalid YAML: Sequence item without - indicator',
    ]);
  });

  it('refuses aliases that expand too far', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, previous] of ['ba', 'cb', 'dc', 'ed', 'fe']) {
      lines.push(
        `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`,
      );
    }
    expect(errorsOf(yaml(...lines, 'rules: []'))).toEqual([
      'rules.yaml:1:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    ]);
  });

  it('reports duplicate keys as YAML errors', () => {
    expect(
      errorsOf(yaml('rules:', '  - id: a', '    id: b', '    match: {}')),
    ).toEqual(['rules.yaml:3:5: invalid YAML: Map keys must be unique']);
  });

  it('reports an unknown property at its key', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match: { kind: alert, nmae: KubeNodeNotReady }',
      '    condition: { type: firing }',
      '    severity: info',
      '    colour: red',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:3:27: rules[0].match.nmae: unknown property; expected one of kind, source, name, account, region, labels, entity',
      'rules.yaml:6:5: rules[0].colour: unknown property; expected one of id, description, match, query, environment, condition, severity, title, dedupKey, labels, actions',
    ]);
  });

  it('reports a wrong enum value with what is allowed and what was found', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match: { kind: log }',
      '    condition: { type: firing }',
      '    severity: info',
      '  - id: b',
      '    match: {}',
      '    condition:',
      '      type: threshold',
      '      op: "=>"',
      '      value: 80',
      '    severity: urgent',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:3:20: rules[0].match.kind: must be one of metric, alert, event (got "log")',
      'rules.yaml:10:11: rules[1].condition.op: must be one of >, >=, <, <=, ==, != (got "=>")',
      'rules.yaml:12:15: rules[1].severity: must be one of critical, high, warning, info (got "urgent")',
    ]);
  });

  it('reports errors against the condition variant that `type` names', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match: {}',
      '    condition: { type: forecast, op: "==", value: high, per: 1m }',
      '    severity: info',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:4:16: rules[0].condition: missing required property "horizon"',
      'rules.yaml:4:38: rules[0].condition.op: must be one of >, >=, <, <= (got "==")',
      'rules.yaml:4:51: rules[0].condition.value: must be a number (got "high")',
      'rules.yaml:4:57: rules[0].condition.per: unknown property; expected one of type, op, value, horizon, for',
    ]);
  });

  it('reports an unknown or missing condition type once, with the types there are', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match: {}',
      '    condition: { type: treshold, op: ">", value: 1 }',
      '    severity: info',
      '  - id: b',
      '    match: {}',
      '    condition: { op: ">", value: 1 }',
      '    severity: info',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:4:24: rules[0].condition.type: must be one of firing, threshold, absent, rate, anomaly, forecast (got "treshold")',
      'rules.yaml:8:16: rules[1].condition: missing required property "type" (one of firing, threshold, absent, rate, anomaly, forecast)',
    ]);
  });

  it('reports a missing property at its parent object', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    condition: { type: firing }',
      '    severity: info',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:2:5: rules[0]: missing required property "match"',
    ]);
  });

  it('reports a matcher that fits none of its forms, or the form it tries', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match:',
      '      account: 111111111111',
      '      name: { regexp: "Kube.*" }',
      '      labels:',
      '        severity: { regex: critical, not: warning }',
      '        pod: []',
      '    condition: { type: firing }',
      '    severity: info',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:4:16: rules[0].match.account: must be a string, a list of strings or {regex: "..."} (got 111111111111); quote it to make it text',
      'rules.yaml:5:13: rules[0].match.name: missing required property "regex"',
      'rules.yaml:5:15: rules[0].match.name.regexp: unknown property; expected only regex',
      'rules.yaml:7:19: rules[0].match.labels.severity: must have at most 1 of regex, not, exists',
      'rules.yaml:8:14: rules[0].match.labels.pod: must be a string, {regex: "..."}, {not: "..."} or {exists: true|false} (got a list)',
    ]);
  });

  it('reports bad durations', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match: {}',
      '    condition: { type: threshold, op: ">", value: 1, for: 5 minutes }',
      '    severity: info',
      '  - id: b',
      '    match: {}',
      '    condition: { type: rate, op: ">", value: 1, per: 0s }',
      '    severity: info',
      '  - id: c',
      '    match: {}',
      '    condition: { type: absent, for: 0s }',
      '    severity: info',
      '  - id: d',
      '    match: {}',
      '    condition: { type: forecast, op: ">", value: 1, horizon: 6 }',
      '    severity: info',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:4:59: rules[0].condition.for: must be a duration such as 30s, 5m, 1h30m, 1d or 1w (got "5 minutes")',
      'rules.yaml:8:54: rules[1].condition.per: must be longer than 0s',
      'rules.yaml:12:37: rules[2].condition.for: must be longer than 0s',
      'rules.yaml:16:62: rules[3].condition.horizon: must be a string (got 6); quote it to make it text',
    ]);
  });

  it('reports regular expressions that do not compile', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match:',
      '      name: { regex: "Kube(Pod" }',
      '      labels:',
      '        pod: { regex: "[a-" }',
      '    condition: { type: firing }',
      '    severity: info',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:4:22: rules[0].match.name.regex: must be a regular expression (Invalid regular expression: /Kube(Pod/: Unterminated group)',
      'rules.yaml:6:23: rules[0].match.labels.pod.regex: must be a regular expression (Invalid regular expression: /[a-/: Unterminated character class)',
    ]);
  });

  it('reports templates with an unknown root', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match: {}',
      '    condition: { type: firing }',
      '    severity: info',
      '    title: "{{name}} on {{host}}"',
      '    dedupKey: "{{rule.id}}:{{labels.pod}}"',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:6:12: rules[0].title: unknown template root "host" in {{host}}; expected one of rule, source, kind, name, account, region, resource, value, status, fingerprint, message, labels, entity',
    ]);
  });

  it('reports a duplicate id at the second definition, naming the first', () => {
    const text = yaml(
      'rules:',
      '  - id: same',
      '    match: {}',
      '    condition: { type: firing }',
      '    severity: info',
      '  - id: same',
      '    match: {}',
      '    condition: { type: firing }',
      '    severity: high',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:6:9: rules[1].id: duplicate rule id "same"; it is already defined at rules.yaml:2:9',
    ]);
  });

  it('reports ids that are not lower-case names', () => {
    const text = yaml(
      'rules:',
      '  - id: Cpu_High',
      '    match: {}',
      '    condition: { type: firing }',
      '    severity: info',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:2:9: rules[0].id: must match ^[a-z0-9][a-z0-9-]*$ (got "Cpu_High")',
    ]);
  });

  it('reports bad actions against their type', () => {
    const text = yaml(
      'rules:',
      '  - id: a',
      '    match: {}',
      '    condition: { type: firing }',
      '    severity: info',
      '    actions:',
      '      - { type: notify, channel: email }',
      '      - { type: remediate, executor: ssm, approval: { required: true, approvers: 3 } }',
      '      - { type: page }',
    );
    expect(errorsOf(text)).toEqual([
      'rules.yaml:7:34: rules[0].actions[0].channel: must be one of slack, sns, ses, notifications, webhook, pagerduty (got "email")',
      'rules.yaml:8:9: rules[0].actions[1]: missing required property "ref"',
      'rules.yaml:8:82: rules[0].actions[1].approval.approvers: must be one of 1, 2 (got 3)',
      'rules.yaml:9:17: rules[0].actions[2].type: must be one of notify, ticket, remediate (got "page")',
    ]);
  });

  it('reports a document that is not a rules file', () => {
    expect(errorsOf('')).toEqual([
      'rules.yaml:1:1: must be a mapping with a "rules" list (got nothing)',
    ]);
    expect(errorsOf('rules: 5\n')).toEqual([
      'rules.yaml:1:8: rules: must be a list (got 5)',
    ]);
    expect(errorsOf('rule: []\n')).toEqual([
      'rules.yaml:1:1: missing required property "rules"',
      'rules.yaml:1:1: rule: unknown property; expected only rules',
    ]);
  });

  it('returns no rules when any rule has an error', () => {
    const text = yaml(
      'rules:',
      '  - id: good',
      '    match: {}',
      '    condition: { type: firing }',
      '    severity: info',
      '  - id: bad',
      '    match: {}',
      '    condition: { type: firing }',
    );
    const parsed = parseRuleFile(text, 'rules.yaml');
    expect(parsed.rules).toEqual([]);
    expect(parsed.origins).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
  });
});

describe('unreadableRuleFile', () => {
  it('is an error without a position', () => {
    const parsed = unreadableRuleFile('gone.yaml', new Error('ENOENT'));
    expect(parsed.errors.map(formatRuleError)).toEqual([
      'gone.yaml: cannot read the file: ENOENT',
    ]);
    expect(parsed.rules).toEqual([]);
  });
});
