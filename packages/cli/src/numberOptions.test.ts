import { InvalidArgumentError } from 'commander';
import { integer, positiveInteger, positiveNumber } from './numberOptions';

describe('number options', () => {
  it('takes what each expects', () => {
    expect(positiveInteger('3')).toBe(3);
    expect(integer('-7')).toBe(-7);
    expect(integer('0')).toBe(0);
    expect(positiveNumber('0.2')).toBe(0.2);
  });

  it.each([
    [positiveInteger, ['0', '-1', '1.5', 'abc', '', ' ', 'Infinity']],
    [integer, ['1.5', 'abc', '', 'NaN']],
    [positiveNumber, ['0', '-2', 'abc', '', 'Infinity']],
  ])('refuses anything else with a usage error (%#)', (parse, values) => {
    for (const value of values) {
      expect(() => parse(value)).toThrow(InvalidArgumentError);
    }
  });
});
