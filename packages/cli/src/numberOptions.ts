import { InvalidArgumentError } from 'commander';

/**
 * Option value parsers for numbers: each refuses anything else with
 * commander's `InvalidArgumentError`, which commander prints as
 * `error: option '--repeat <n>' argument 'abc' is invalid. Expected …`.
 */
function numberParser(
  expected: string,
  accepts: (value: number) => boolean,
): (value: string) => number {
  return value => {
    const number = value.trim() === '' ? NaN : Number(value);
    if (!accepts(number)) {
      throw new InvalidArgumentError(`Expected ${expected}.`);
    }
    return number;
  };
}

/** 1, 2, 3…: counts such as `--repeat` and `--limit`. */
export const positiveInteger = numberParser(
  'a positive whole number',
  value => Number.isSafeInteger(value) && value > 0,
);

/** Any whole number: seeds. */
export const integer = numberParser('a whole number', Number.isSafeInteger);

/** A finite number above 0: durations and factors such as `--timeout` and `--scale`. */
export const positiveNumber = numberParser(
  'a number above 0',
  value => Number.isFinite(value) && value > 0,
);
