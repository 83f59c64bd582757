import { beyondRecurring, RecurringDeviation } from './RecurringDeviation';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 5);

describe('RecurringDeviation', () => {
  it('knows nothing on the first day, then recalls the deviation at the same time of day', () => {
    const memory = new RecurringDeviation(RecurringDeviation.initial());
    expect(memory.update(START + 3 * HOUR, 10)).toBe(0);
    // later the same day: the same episode, not an earlier day
    expect(memory.update(START + 3 * HOUR + 10 * 60_000, 1)).toBe(0);
    const nextDay = memory.update(START + DAY + 3 * HOUR, 12);
    expect(nextDay).toBeGreaterThan(10 * Math.exp(-1 / 3) - 1e-9);
    expect(nextDay).toBeLessThan(10);
  });

  it('tolerates an hour of drift but not a different time of day', () => {
    const memory = new RecurringDeviation(RecurringDeviation.initial());
    memory.update(START + 3 * HOUR, 10);
    expect(memory.update(START + DAY + 4 * HOUR, 0)).toBeGreaterThan(5);
    expect(memory.update(START + DAY + 9 * HOUR, 0)).toBe(0);
  });

  it('forgets over a few days', () => {
    const memory = new RecurringDeviation(RecurringDeviation.initial());
    memory.update(START + 3 * HOUR, 10);
    expect(memory.update(START + 15 * DAY + 3 * HOUR, 0)).toBeLessThan(0.1);
  });

  it('keeps plain JSON state', () => {
    const state = RecurringDeviation.initial();
    new RecurringDeviation(state).update(START, 4);
    const copy = JSON.parse(JSON.stringify(state));
    expect(new RecurringDeviation(copy).update(START + DAY, 0)).toBeCloseTo(
      new RecurringDeviation(state).update(START + DAY, 0),
      12,
    );
  });
});

describe('beyondRecurring', () => {
  it('keeps only the share of the deviation beyond what recurred', () => {
    expect(beyondRecurring(20, 10, 0)).toBe(20);
    expect(beyondRecurring(20, 10, 5)).toBe(10);
    expect(beyondRecurring(20, 10, 12)).toBe(0);
    expect(beyondRecurring(0, 0, 3)).toBe(0);
  });
});
