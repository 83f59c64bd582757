import { bucketLabels } from './bucketLabels';

const DAY = 86400_000;
// A reader west of UTC: local midnight-based labels would be a day early.
const reader = { locale: 'en-US', timeZone: 'America/Los_Angeles' };

describe('bucketLabels', () => {
  it('names day buckets by their UTC date and says they are UTC days', () => {
    const labels = bucketLabels(86400, 30 * DAY, reader);
    const start = Date.UTC(2026, 10, 22);
    expect(labels.utc).toBe(true);
    expect(labels.tick(start)).toBe('Nov 22');
    expect(labels.full(start)).toBe('Nov 22, 2026');
  });

  it('gives 6-hour ticks their date when the range spans days', () => {
    const labels = bucketLabels(6 * 3600, 7 * DAY, reader);
    const start = Date.UTC(2026, 10, 22, 6);
    expect(labels.utc).toBe(false);
    // 06:00 UTC is 22:00 the day before in Los Angeles.
    expect(labels.tick(start)).toBe('Nov 21, 10:00 PM');
    expect(labels.full(start)).toBe('Nov 21, 2026, 10:00 PM');
  });

  it('keeps hour ticks short within a day', () => {
    const labels = bucketLabels(3600, DAY, reader);
    expect(labels.tick(Date.UTC(2026, 10, 22, 6))).toBe('10:00 PM');
  });
});
