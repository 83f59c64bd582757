import { formatRuleError } from './formatRuleError';
import { validateRuleList } from './validateRuleList';

const source = { file: 'config', path: 'cloudops.rules.inline' };

describe('validateRuleList', () => {
  it('accepts valid rules and records where they are', () => {
    const rules = [
      {
        id: 'inline-alert',
        match: { kind: 'alert', name: ['A', 'B'] },
        condition: { type: 'firing' },
        severity: 'high',
      },
    ];
    expect(validateRuleList(rules, source)).toEqual({
      rules,
      origins: [
        {
          id: 'inline-alert',
          file: 'config',
          line: 0,
          column: 0,
          path: 'cloudops.rules.inline[0].id',
        },
      ],
      errors: [],
    });
  });

  it('reports errors with the config path and no position', () => {
    const { rules, errors } = validateRuleList(
      [
        {
          id: 'a',
          match: {},
          condition: { type: 'absent', for: '10 min' },
          severity: 'info',
        },
        { id: 'a', match: {}, condition: { type: 'firing' }, severity: 'bad' },
      ],
      source,
    );
    expect(rules).toEqual([]);
    expect(errors.map(formatRuleError)).toEqual([
      'config: cloudops.rules.inline[0].condition.for: must be a duration such as 30s, 5m, 1h30m, 1d or 1w (got "10 min")',
      'config: cloudops.rules.inline[1].severity: must be one of critical, high, warning, info (got "bad")',
      'config: cloudops.rules.inline[1].id: duplicate rule id "a"; it is already defined at config cloudops.rules.inline[0].id',
    ]);
  });

  it('reports a value that is not a list', () => {
    expect(
      validateRuleList({ id: 'a' }, source).errors.map(formatRuleError),
    ).toEqual([
      'config: cloudops.rules.inline: must be a list (got a mapping)',
    ]);
  });
});
