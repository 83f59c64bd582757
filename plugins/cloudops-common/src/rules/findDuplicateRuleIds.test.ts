import { findDuplicateRuleIds } from './findDuplicateRuleIds';
import { formatRuleError } from './formatRuleError';

describe('findDuplicateRuleIds', () => {
  it('reports each later definition of an id across files', () => {
    const errors = findDuplicateRuleIds([
      { id: 'a', file: 'one.yaml', line: 2, column: 9, path: 'rules[0].id' },
      { id: 'b', file: 'one.yaml', line: 6, column: 9, path: 'rules[1].id' },
      { id: 'a', file: 'two.yaml', line: 4, column: 9, path: 'rules[1].id' },
      { id: 'a', file: 'three.yaml', line: 2, column: 9, path: 'rules[0].id' },
    ]);
    expect(errors.map(formatRuleError)).toEqual([
      'two.yaml:4:9: rules[1].id: duplicate rule id "a"; it is already defined at one.yaml:2:9',
      'three.yaml:2:9: rules[0].id: duplicate rule id "a"; it is already defined at one.yaml:2:9',
    ]);
  });

  it('finds nothing when ids are unique', () => {
    expect(
      findDuplicateRuleIds([
        { id: 'a', file: 'one.yaml', line: 2, column: 9, path: 'rules[0].id' },
        { id: 'b', file: 'two.yaml', line: 2, column: 9, path: 'rules[0].id' },
      ]),
    ).toEqual([]);
  });
});
