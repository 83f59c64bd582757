import { formatRuleError } from './formatRuleError';
import { parseRuleFile } from './parseRuleFile';
import { validateRuleList } from './validateRuleList';

const FILE = `rules:
  - id: cpu
    match: { kind: alert }
    condition: { type: firing }
    severity: high
    actions:
      - type: notify
        channel: slack
      - type: remediate
        executor: scaffolder
        ref: template:default/cloudops-silence-and-investigate
        parameters: { reason: CPU above 95%, hours: 2 }
      - type: remediate
        executor: ssm
        ref: AWS-RestartEC2Instance
`;

const REGISTERED = ['demo', 'aws-ssm-automation', 'scaffolder'];

describe('remediation executors in rules', () => {
  it('accepts any well-formed executor id when the registered ones are unknown', () => {
    const parsed = parseRuleFile(FILE, 'rules.yaml');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rules[0].actions?.[1]).toEqual({
      type: 'remediate',
      executor: 'scaffolder',
      ref: 'template:default/cloudops-silence-and-investigate',
      parameters: { reason: 'CPU above 95%', hours: 2 },
    });
  });

  it('reports an executor that is not registered at its line and column, with the registered ones', () => {
    const parsed = parseRuleFile(FILE, 'rules.yaml', {
      executors: REGISTERED,
    });
    expect(parsed.rules).toEqual([]);
    expect(parsed.errors.map(formatRuleError)).toEqual([
      'rules.yaml:14:19: rules[0].actions[2].executor: no remediation executor "ssm" is registered (registered: aws-ssm-automation, demo, scaffolder); add the backend module that provides it or name a registered one',
    ]);
  });

  it('says none are registered when the backend has no executor', () => {
    const parsed = parseRuleFile(FILE, 'rules.yaml', { executors: [] });
    expect(parsed.errors.map(e => e.message)).toEqual([
      'rules[0].actions[1].executor: no remediation executor "scaffolder" is registered (registered: none); add the backend module that provides it or name a registered one',
      'rules[0].actions[2].executor: no remediation executor "ssm" is registered (registered: none); add the backend module that provides it or name a registered one',
    ]);
  });

  it('rejects ids of the wrong form, and parameters that are not scalars, registered or not', () => {
    const parsed = parseRuleFile(
      FILE.replace('executor: ssm', 'executor: SSM Automation').replace(
        'hours: 2',
        'hours: [2]',
      ),
      'rules.yaml',
    );
    expect(parsed.errors.map(formatRuleError)).toEqual([
      'rules.yaml:12:53: rules[0].actions[1].parameters.hours: must be a string, a number or true|false (got a list)',
      expect.stringMatching(
        /^rules\.yaml:14:19: rules\[0\]\.actions\[2\]\.executor: must match \^\[a-z\]/,
      ),
    ]);
  });

  it('checks inline rules the same way, without positions', () => {
    const inline = [
      {
        id: 'inline',
        match: {},
        condition: { type: 'firing' },
        severity: 'info',
        actions: [{ type: 'remediate', executor: 'ssm', ref: 'doc' }],
      },
    ];
    const source = { file: 'config', path: 'cloudops.rules.inline' };
    expect(validateRuleList(inline, source).errors).toEqual([]);
    expect(
      validateRuleList(inline, source, { executors: REGISTERED }).errors.map(
        formatRuleError,
      ),
    ).toEqual([
      'config: cloudops.rules.inline[0].actions[0].executor: no remediation executor "ssm" is registered (registered: aws-ssm-automation, demo, scaffolder); add the backend module that provides it or name a registered one',
    ]);
  });
});
