import { clip, clipping, fitList, fitParts } from './limits';

describe('clip', () => {
  it('leaves text that fits and cuts the rest to the limit, ending in …', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
  });

  it('never cuts an escape or a surrogate pair in two', () => {
    expect(clip('ab&amp;cd', 6)).toBe('ab…');
    expect(clip('ab&lt;cd', 7)).toBe('ab&lt;…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
  });
});

describe('fitList', () => {
  it('shows as many items as fit, then how many more there are', () => {
    const items = ['alpha', 'bravo', 'charlie', 'delta'];
    expect(fitList(items, ', ', 100)).toBe('alpha, bravo, charlie, delta');
    expect(fitList(items, ', ', 27)).toBe('alpha, bravo, …and 2 more');
    expect(fitList(['x'.repeat(50), 'y'], ', ', 20)).toBe(
      `${'x'.repeat(6)}…, …and 1 more`,
    );
    expect(fitList(['x'.repeat(50)], ', ', 20)).toBe(`${'x'.repeat(19)}…`);
  });
});

describe('fitParts', () => {
  it('keeps the short parts whole and shares the rest among the long ones', () => {
    const text = fitParts(
      [clipping('short'), clipping('a'.repeat(100)), clipping('b'.repeat(10))],
      60,
    );
    expect(text).toBe(`short\n${'a'.repeat(42)}…\n${'b'.repeat(10)}`);
    expect(text).toHaveLength(60);
  });
});
