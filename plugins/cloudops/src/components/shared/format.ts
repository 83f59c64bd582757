/** A unit a duration is counted in. */
export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** How a duration reads: a count of one unit, and a larger part before a smaller one. */
export interface DurationWords {
  unit(unit: DurationUnit, count: number): string;
  pair(larger: string, smaller: string): string;
}

/**
 * A duration in seconds in at most two units, e.g. (in English) `45s`,
 * `12m`, `3h 20m` or `2d 4h`. Components use `useFormatDuration`, which
 * takes the words from the translation ref.
 */
export function formatDuration(seconds: number, words: DurationWords): string {
  const { unit, pair } = words;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return unit('seconds', s);
  const m = Math.floor(s / 60);
  if (m < 60) return unit('minutes', m);
  const h = Math.floor(m / 60);
  if (h < 24) {
    return m % 60
      ? pair(unit('hours', h), unit('minutes', m % 60))
      : unit('hours', h);
  }
  const d = Math.floor(h / 24);
  return h % 24
    ? pair(unit('days', d), unit('hours', h % 24))
    : unit('days', d);
}

const axisFormat = new Intl.NumberFormat(undefined, {
  maximumSignificantDigits: 3,
  notation: 'compact',
});

/** A chart axis value in the reader's locale, short: three significant digits, `1.5M` for big ones. */
export function formatAxisValue(value: number): string {
  return axisFormat.format(value);
}

/** An ISO 8601 time in the reader's locale. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** `component:default/checkout` as `checkout`; other namespaces kept. */
export function shortRef(ref: string): string {
  const match = /^[^:]+:(?:default\/)?(.+)$/.exec(ref);
  return match ? match[1] : ref;
}

/** An amount of money in whole units, e.g. `$1,240`. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    // Not an ISO 4217 code: the figure with the code after it.
    return `${Math.round(amount).toLocaleString()} ${currency}`;
  }
}

/** The reader's calendar day `days` after `from`'s, as `YYYY-MM-DD` (a date input's value). */
export function localDay(from: Date, days = 0): string {
  const day = new Date(
    from.getFullYear(),
    from.getMonth(),
    from.getDate() + days,
  );
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(
    day.getDate(),
  )}`;
}

/** The last millisecond of a `YYYY-MM-DD` day in the reader's time zone. */
export function endOfLocalDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date, 23, 59, 59, 999);
}
