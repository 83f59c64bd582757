/**
 * How the incidents-over-time chart names its buckets, on the axis (short)
 * and in the tooltip and text summary (full).
 *
 * The backend cuts buckets on multiples of their size since the epoch, so a
 * day bucket is a UTC day: it is named by its UTC date, with `utc` set so
 * the chart says so (labelled with the reader's date it would be a day off
 * west of UTC). Shorter buckets are instants and read in the reader's time
 * zone; they carry their date when the range spans more than a day.
 *
 * `locale` and `timeZone` are the reader's (undefined) except in tests.
 */
export function bucketLabels(
  bucketSeconds: number,
  spanMs: number,
  options: { locale?: string; timeZone?: string } = {},
): {
  tick: (start: number) => string;
  full: (start: number) => string;
  utc: boolean;
} {
  const { locale, timeZone } = options;
  const format =
    (formatOptions: Intl.DateTimeFormatOptions) => (start: number) =>
      new Date(start).toLocaleString(locale, formatOptions);
  if (bucketSeconds >= 86400) {
    return {
      tick: format({ timeZone: 'UTC', month: 'short', day: 'numeric' }),
      full: format({ timeZone: 'UTC', dateStyle: 'medium' }),
      utc: true,
    };
  }
  const time = { hour: '2-digit', minute: '2-digit' } as const;
  return {
    tick: format(
      spanMs > 86400_000
        ? { timeZone, month: 'short', day: 'numeric', ...time }
        : { timeZone, ...time },
    ),
    full: format({ timeZone, dateStyle: 'medium', timeStyle: 'short' }),
    utc: false,
  };
}
