import { DAY_MS, HOUR_MS, load, weekendShare } from './seasonality';

// Monday 23 November 2026, 00:00 UTC.
const MONDAY = Date.parse('2026-11-23T00:00:00Z');

describe('seasonality', () => {
  it('peaks in the (US) evening and is quietest in the early morning, every weekday alike', () => {
    const tuesday = MONDAY + DAY_MS;
    const at = (hour: number, day = 0) =>
      load(tuesday + day * DAY_MS + hour * HOUR_MS);
    expect(at(22)).toBeCloseTo(1, 5);
    expect(at(10)).toBeCloseTo(0.3, 5);
    for (let hour = 0; hour < 24; hour++) {
      expect(at(hour)).toBeGreaterThanOrEqual(0.3 - 1e-9);
      expect(at(hour)).toBeLessThanOrEqual(1 + 1e-9);
      // Wednesday repeats Tuesday.
      expect(at(hour, 1)).toBeCloseTo(at(hour), 9);
    }
    // Rises through the afternoon.
    expect(at(14)).toBeLessThan(at(18));
    expect(at(18)).toBeLessThan(at(21));
  });

  it('is a fifth lower at weekends, with smooth changes around midnight', () => {
    const saturday = MONDAY + 5 * DAY_MS;
    expect(load(saturday + 22 * HOUR_MS)).toBeCloseTo(0.8, 5);
    expect(weekendShare(saturday + 12 * HOUR_MS)).toBe(1);
    expect(weekendShare(MONDAY + 2 * DAY_MS + 12 * HOUR_MS)).toBe(0);
    // Minute by minute across Friday → Saturday midnight, no jump larger than 1%.
    for (
      let t = saturday - 3 * HOUR_MS;
      t < saturday + 3 * HOUR_MS;
      t += 60_000
    ) {
      expect(Math.abs(load(t + 60_000) - load(t))).toBeLessThan(0.01);
    }
  });
});
