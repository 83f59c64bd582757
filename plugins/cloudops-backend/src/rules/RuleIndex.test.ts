import { compileRule } from './compileRule';
import { RuleIndex } from './RuleIndex';
import { alert, metric, rule } from './__testUtils__/signals';

describe('RuleIndex', () => {
  const rules = [
    rule(
      { type: 'firing' },
      { id: 'exact', match: { kind: 'alert', name: 'A' } },
    ),
    rule({ type: 'firing' }, { id: 'list', match: { name: ['A', 'B', 'A'] } }),
    rule(
      { type: 'firing' },
      { id: 'regex', match: { kind: 'alert', name: { regex: 'A|C' } } },
    ),
    rule({ type: 'firing' }, { id: 'metrics', match: { kind: 'metric' } }),
    rule({ type: 'absent', for: '5m' }, { id: 'silent', match: { name: 'B' } }),
  ];
  const index = new RuleIndex(
    rules.map((r, order) => compileRule(r, order, {})),
  );
  const ids = (signal: Parameters<RuleIndex['candidates']>[0]) =>
    index.candidates(signal).map(c => c.rule.id);

  it('offers the rules naming the signal and those without a plain name, in rule order', () => {
    expect(ids(alert('A', 'firing', 0))).toEqual(['exact', 'list', 'regex']);
    expect(ids(alert('B', 'firing', 0))).toEqual(['list', 'regex', 'silent']);
    expect(ids(alert('C', 'firing', 0))).toEqual(['regex']);
    expect(ids(metric('A', 1, 0))).toEqual(['list', 'metrics']);
    expect(ids(metric('Z', 1, 0))).toEqual(['metrics']);
  });

  it('lists the absent-data rules and every id', () => {
    expect(index.absent.map(r => r.rule.id)).toEqual(['silent']);
    expect([...index.ids]).toEqual([
      'exact',
      'list',
      'regex',
      'metrics',
      'silent',
    ]);
  });
});
