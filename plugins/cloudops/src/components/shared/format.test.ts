import { endOfLocalDay, formatAxisValue, localDay, shortRef } from './format';

describe('format', () => {
  it.each([
    [0, '0'],
    [-0.055, '-0.055'],
    [0.145476, '0.145'],
    [97.634, '97.6'],
    [1_534_000, '1.53M'],
  ])('shows %p on a chart axis as %p', (value, text) => {
    expect(formatAxisValue(value)).toBe(text);
  });

  it('shortens entity refs in the default namespace only', () => {
    expect(shortRef('component:default/checkout')).toBe('checkout');
    expect(shortRef('resource:shop/orders-db')).toBe('shop/orders-db');
    expect(shortRef('checkout')).toBe('checkout');
  });

  it("gives the reader's calendar days as a date input's value", () => {
    const evening = new Date(2026, 0, 31, 23, 30);
    expect(localDay(evening)).toBe('2026-01-31');
    expect(localDay(evening, 1)).toBe('2026-02-01');
    expect(localDay(new Date(2026, 11, 31, 0, 5), 30)).toBe('2027-01-30');
  });

  it("ends a picked day at its last millisecond in the reader's time zone", () => {
    expect(endOfLocalDay('2099-01-31')).toEqual(
      new Date(2099, 0, 31, 23, 59, 59, 999),
    );
  });
});
